import { describe, expect, it } from 'vitest';
import { formatCsv } from './csv.ts';

describe('formatCsv', () => {
  it('writes a header and one line per row', () => {
    expect(
      formatCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [2.5, 'y'],
        ],
      ),
    ).toBe('a,b\n1,x\n2.5,y\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    const out = formatCsv(['text'], [['a,b'], ['say "hi"'], ['two\nlines'], ['cr\r'], ['plain']]);
    expect(out).toBe('text\n"a,b"\n"say ""hi"""\n"two\nlines"\n"cr\r"\nplain\n');
  });

  it('writes NULL as an empty field and an empty string as ""', () => {
    expect(formatCsv(['a', 'b', 'c'], [[null, '', 'x']])).toBe('a,b,c\n,"",x\n');
  });

  it('quotes header names like any field', () => {
    expect(formatCsv(['x,y', 'say "z"'], [])).toBe('"x,y","say ""z"""\n');
  });

  it('keeps unicode and leading or trailing spaces as they are', () => {
    expect(formatCsv(['name'], [['  東京 👍 ']])).toBe('name\n  東京 👍 \n');
  });

  it('writes booleans as true/false and nested values as JSON (quoted when they hold commas)', () => {
    expect(formatCsv(['b', 'l'], [[false, [1, 2]]])).toBe('b,l\nfalse,"[1,2]"\n');
  });

  it('writes nothing for a result without columns', () => {
    expect(formatCsv([], [])).toBe('');
  });
});
