import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  List,
  Field,
  Table,
  TimestampMicrosecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { read } from '@e965/xlsx';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { readParquet, readXlsx, tableToRows } from '@facet/engine/common';
import { csvField, exportJson, exportParquet, exportXlsx } from './exports.ts';

function sample(): Table {
  return new Table({
    flag: vectorFromArray([true, null, false], new Bool()),
    small: vectorFromArray([1, null, -3], new Int32()),
    big: vectorFromArray([2n ** 60n + 1n, null, -5n], new Int64()),
    ratio: vectorFromArray([1.5, null, -0.25], new Float64()),
    name: vectorFromArray(['Lyon', null, 'Zürich, "CH"'], new Utf8()),
    day: vectorFromArray(
      [new Date(Date.UTC(2024, 1, 29)), null, new Date(Date.UTC(1969, 11, 31))],
      new DateDay(),
    ),
    at: vectorFromArray([Date.UTC(2024, 0, 1, 12, 30, 15, 250), null, 0], new TimestampMicrosecond()),
    tags: vectorFromArray([['a', 'b'], null, []], new List(new Field('item', new Utf8(), true))),
  });
}

describe('browser exports', () => {
  it('quotes CSV fields only where needed, and empty text so it differs from NULL', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('""');
  });

  it('writes Parquet that reads back with the same values and sensible types', async () => {
    const bytes = exportParquet(sample());
    const back = await readParquet(bytes);
    const rows = tableToRows(back);
    expect(rows[0]).toEqual({
      flag: true,
      small: 1,
      big: Number(2n ** 60n + 1n),
      ratio: 1.5,
      name: 'Lyon',
      day: '2024-02-29',
      at: expect.stringMatching(/^2024-01-01T12:30:15\.25/) as unknown,
      tags: '["a","b"]',
    });
    expect(Object.values(rows[1] ?? {}).every((v) => v === null)).toBe(true);
    expect(rows[2]).toMatchObject({
      small: -3,
      big: -5,
      name: 'Zürich, "CH"',
      day: '1969-12-31',
      tags: '[]',
    });
    const types = parquetMetadata(bytes.buffer as ArrayBuffer)
      .schema.slice(1)
      .map((e) => [e.name, e.type, e.converted_type]);
    expect(types).toEqual([
      ['flag', 'BOOLEAN', undefined],
      ['small', 'INT32', undefined],
      ['big', 'INT64', undefined],
      ['ratio', 'DOUBLE', undefined],
      ['name', 'BYTE_ARRAY', 'UTF8'],
      ['day', 'INT32', 'DATE'],
      ['at', 'INT64', 'TIMESTAMP_MICROS'],
      ['tags', 'BYTE_ARRAY', 'UTF8'],
    ]);
  });

  it('refuses to write Parquet without columns', () => {
    expect(() => exportParquet(new Table())).toThrow('no columns');
  });

  it('writes JSON rows and an Excel sheet that reads back', () => {
    const rows = JSON.parse(new TextDecoder().decode(exportJson(sample()))) as Record<string, unknown>[];
    expect(rows[2]).toMatchObject({ name: 'Zürich, "CH"', day: '1969-12-31', big: -5, tags: [] });
    const bytes = exportXlsx(sample());
    // Every row is in the sheet (the all-NULL one too), though Facet's reader skips blank rows.
    expect(read(bytes, { type: 'array' }).Sheets.Result?.['!ref']).toBe('A1:H4');
    const [sheet] = readXlsx(bytes);
    expect(sheet?.name).toBe('Result');
    const back = tableToRows(sheet?.table as Table);
    expect(back.map((r) => r.name)).toEqual(['Lyon', 'Zürich, "CH"']);
    expect(back[0]?.tags).toBe('["a","b"]');
  });
});
