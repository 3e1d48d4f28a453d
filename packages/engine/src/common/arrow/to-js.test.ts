import { makeData, makeVector, Decimal, Table, TimestampNanosecond, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnsToTable } from './from-columns.ts';
import { decimalToNumber, tableToRows } from './to-js.ts';

describe('Arrow → JS', () => {
  it('converts decimals of any sign exactly enough for JSON', () => {
    const words = new Uint32Array([0xffffff9c, 0xffffffff, 0xffffffff, 0xffffffff]); // -100
    expect(decimalToNumber(words, 0, 4, 2)).toBe(-1);
    const decimal = makeVector(
      makeData({ type: new Decimal(1, 10, 128), length: 1, data: new Uint32Array([125, 0, 0, 0]) }),
    );
    expect(tableToRows(new Table({ d: decimal }))).toEqual([{ d: 12.5 }]);
  });

  it('keeps nanosecond timestamps and 64-bit integers', () => {
    const ts = makeVector(
      makeData({
        type: new TimestampNanosecond(),
        length: 1,
        data: BigInt64Array.of(1_700_000_000_123_456_789n),
      }),
    );
    const rows = tableToRows(new Table({ ts, n: makeVector(BigInt64Array.of(2n ** 40n)) }));
    expect(rows).toEqual([{ ts: '2023-11-14T22:13:20.123456789', n: 2 ** 40 }]);
  });

  it('round-trips inferred columns', () => {
    const table = columnsToTable([
      { name: 'i', values: [1, null, 3] },
      { name: 'f', values: [1.5, 2, null] },
      { name: 's', values: ['a', null, 'ü'] },
      { name: 'b', values: [true, false, null] },
      { name: 'd', values: [new Date('2024-01-02T00:00:00Z'), null, new Date('2024-01-03T00:00:00Z')] },
      { name: 'mixed', values: [1, 'two', null] },
      { name: '', values: [null, null, null] },
      { name: 'i', values: [10n, 2n ** 62n, null] },
    ]);
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'i:Int32',
      'f:Float64',
      's:Utf8',
      'b:Bool',
      'd:Date32<DAY>',
      'mixed:Utf8',
      'column7:Utf8',
      'i_1:Int64',
    ]);
    expect(tableToRows(table)[1]).toEqual({
      i: null,
      f: 2,
      s: null,
      b: false,
      d: null,
      mixed: 'two',
      column7: null,
      i_1: 2 ** 62,
    });
  });

  it('handles empty tables', () => {
    expect(tableToRows(tableFromArrays({ x: new Int32Array(0) }))).toEqual([]);
  });
});
