import {
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  Dictionary,
  Utf8,
  Int32,
  Table,
  type RecordBatch,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { capResultSnapshot } from './result-snapshot.ts';
import { tableToRows } from './to-js.ts';

function sample(rows: number): Table {
  return tableFromArrays({
    id: Int32Array.from({ length: rows }, (_, i) => i),
    name: Array.from({ length: rows }, (_, i) =>
      i % 7 === 0 ? null : `customer ${i} — ${'x'.repeat(i % 13)}`,
    ),
    amount: Float64Array.from({ length: rows }, (_, i) => i * 1.5),
  });
}

describe('capResultSnapshot', () => {
  it('returns a result that fits unchanged', () => {
    const ipc = tableToIPC(sample(10), 'stream');
    const snap = capResultSnapshot(ipc, ipc.byteLength);
    expect(snap).toEqual({ ipc, rows: 10, totalRows: 10, truncated: false });
  });

  it('keeps the largest prefix of rows that fits, with values intact', () => {
    const full = sample(5000);
    const ipc = tableToIPC(full, 'stream');
    for (const budget of [2_000, 10_000, 50_000, ipc.byteLength - 1]) {
      const snap = capResultSnapshot(ipc, budget);
      expect(snap.ipc.byteLength).toBeLessThanOrEqual(budget);
      expect(snap.truncated).toBe(true);
      expect(snap.totalRows).toBe(5000);
      const back = tableFromIPC(snap.ipc);
      expect(back.numRows).toBe(snap.rows);
      expect(tableToRows(back)).toEqual(tableToRows(full.slice(0, snap.rows)));
      // Largest: one more row would not fit.
      expect(tableToIPC(sample(snap.rows + 1), 'stream').byteLength).toBeGreaterThan(budget);
      expect(tableToIPC(sample(snap.rows), 'stream').byteLength).toBeLessThanOrEqual(budget);
    }
  });

  it('caps results of several batches and dictionary columns', () => {
    const dict = vectorFromArray(
      Array.from({ length: 300 }, (_, i) => ['north', 'south', 'east', 'west'][i % 4]!),
      new Dictionary(new Utf8(), new Int32()),
    );
    const one = new Table({ region: dict, n: vectorFromArray(Array.from({ length: 300 }, (_, i) => i)) });
    const table = new Table([...one.batches, ...one.batches] as RecordBatch[]);
    const ipc = tableToIPC(table, 'stream');
    const snap = capResultSnapshot(ipc, Math.floor(ipc.byteLength / 2));
    expect(snap.rows).toBeGreaterThan(0);
    expect(snap.rows).toBeLessThan(600);
    expect(tableToRows(tableFromIPC(snap.ipc))).toEqual(tableToRows(table.slice(0, snap.rows)));
  });

  it('refuses a budget smaller than the schema, a bad budget, and bytes that are not Arrow', () => {
    const ipc = tableToIPC(sample(100), 'stream');
    expect(() => capResultSnapshot(ipc, 10)).toThrow(InvalidArgumentError);
    expect(() => capResultSnapshot(ipc, 0)).toThrow(InvalidArgumentError);
    expect(() => capResultSnapshot(ipc, Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => capResultSnapshot(new TextEncoder().encode('not arrow at all'), 1000)).toThrow(
      InvalidArgumentError,
    );
  });
});
