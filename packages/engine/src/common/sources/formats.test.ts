import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromFileName } from './formats.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('format detection', () => {
  it('goes by extension for text formats', () => {
    expect(formatFromFileName('a.CSV')).toBe('csv');
    expect(formatFromFileName('a.tsv')).toBe('tsv');
    expect(formatFromFileName('a.jsonl')).toBe('ndjson');
    expect(formatFromFileName('a.unknown')).toBeUndefined();
    expect(formatFromFileName('no-extension')).toBeUndefined();
  });

  it('trusts magic numbers over the extension for binary formats', () => {
    expect(detectFormat('data.csv', bytes('PAR1....'))).toBe('parquet');
    expect(detectFormat('x.bin', bytes('ARROW1\0\0'))).toBe('arrow');
    expect(detectFormat('x.dat', bytes('SQLite format 3\0'))).toBe('sqlite');
    expect(detectFormat('book.xlsx', Uint8Array.of(0x50, 0x4b, 3, 4))).toBe('xlsx');
  });

  it('tells NDJSON from a JSON array', () => {
    expect(detectFormat('a.json', bytes('{"a":1}\n{"a":2}\n'))).toBe('ndjson');
    expect(detectFormat('a.json', bytes('[{"a":1},\n{"a":2}]'))).toBe('json');
    expect(detectFormat('a.json', bytes('{\n  "a": 1\n}'))).toBe('json');
  });
});
