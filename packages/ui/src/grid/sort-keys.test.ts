import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  makeVector,
  TimestampMillisecond,
  Uint8,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { sortPermutation } from './radix-sort.ts';
import { columnSortKeys } from './sort-keys.ts';

/** The values in the order the permutation gives. */
function sorted<T>(vector: Vector, values: readonly T[], direction: 'asc' | 'desc'): T[] {
  return Array.from(sortPermutation(columnSortKeys(vector), direction), (row) => values[row] as T);
}

/** A reference order: NULLs last, equal values in row order. */
function reference<T>(
  values: readonly (T | null)[],
  compare: (a: T, b: T) => number,
  desc = false,
): (T | null)[] {
  const rows = values.map((value, row) => ({ value, row }));
  rows.sort((a, b) => {
    if (a.value === null || b.value === null)
      return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.row - b.row;
    return (desc ? compare(b.value, a.value) : compare(a.value, b.value)) || a.row - b.row;
  });
  return rows.map((r) => r.value);
}

const byNumber = (a: number, b: number): number =>
  (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0) || a - b;

describe('column sort keys and the radix sort', () => {
  it('orders floats like numbers: negatives, -0 equal to 0, NaN after Infinity, NULLs last', () => {
    const values = [3.5, -1, null, 0, -0, -Infinity, Infinity, NaN, 2, -1e-300, 1e300, null, -2.5];
    const vector = vectorFromArray(values, new Float64());
    const asc = sorted(vector, values, 'asc');
    expect(asc.map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual([
      '-Infinity',
      '-2.5',
      '-1',
      '-1e-300',
      '0',
      '-0',
      '2',
      '3.5',
      '1e+300',
      'Infinity',
      'NaN',
      'null',
      'null',
    ]);
    expect(sorted(vector, values, 'desc')).toEqual(reference(values, byNumber, true));
  });

  it('matches a reference sort on random numbers of many types, both directions', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const floats = Array.from({ length: 5000 }, () =>
      random() < 0.05 ? null : Math.round((random() - 0.5) * 1e4) / 10,
    );
    const ints = Array.from({ length: 5000 }, () =>
      random() < 0.05 ? null : Math.round((random() - 0.5) * 2e9),
    );
    const bytes = Array.from({ length: 5000 }, () => Math.floor(random() * 256));
    for (const direction of ['asc', 'desc'] as const) {
      const desc = direction === 'desc';
      expect(sorted(vectorFromArray(floats, new Float64()), floats, direction)).toEqual(
        reference(floats, byNumber, desc),
      );
      expect(sorted(vectorFromArray(ints, new Int32()), ints, direction)).toEqual(
        reference(ints, byNumber, desc),
      );
      expect(sorted(vectorFromArray(bytes, new Uint8()), bytes, direction)).toEqual(
        reference(bytes, byNumber, desc),
      );
    }
  });

  it('keeps 64-bit integers exact, past 2^53', () => {
    const values = [2n ** 62n + 1n, -(2n ** 62n), 2n ** 62n, 0n, -1n, 2n ** 53n + 1n, 2n ** 53n];
    const order = sortPermutation(columnSortKeys(vectorFromArray(values, new Int64())), 'asc');
    expect(Array.from(order, (row) => values[row])).toEqual(
      [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });

  it('orders dates, timestamps, booleans and text; text by code point like DuckDB', () => {
    const days = [new Date('2024-03-01'), new Date('1969-12-31'), null, new Date('2000-01-01')];
    expect(
      sorted(vectorFromArray(days, new DateDay()), days, 'asc').map(
        (d) => d?.toISOString().slice(0, 10) ?? null,
      ),
    ).toEqual(['1969-12-31', '2000-01-01', '2024-03-01', null]);
    const stamps = [new Date(5), new Date(-5), new Date(0)];
    expect(
      sorted(vectorFromArray(stamps, new TimestampMillisecond()), stamps, 'desc').map((d) => d.getTime()),
    ).toEqual([5, 0, -5]);
    const flags = [true, false, null, true, false];
    expect(sorted(vectorFromArray(flags, new Bool()), flags, 'asc')).toEqual([
      false,
      false,
      true,
      true,
      null,
    ]);
    const words = ['pear', 'Apple', 'apple', null, 'Éclair', 'banana', 'apple'];
    expect(sorted(vectorFromArray(words, new Utf8()), words, 'asc')).toEqual([
      'Apple',
      'apple',
      'apple',
      'banana',
      'pear',
      'Éclair',
      null,
    ]);
  });

  it('reads plain ASCII text in one go, slices and NULLs included', () => {
    const words = ['zeta', null, 'Alpha', 'beta', 'alpha', null, 'Beta'];
    const vector = vectorFromArray(words, new Utf8());
    expect(sorted(vector, words, 'asc')).toEqual(['Alpha', 'Beta', 'alpha', 'beta', 'zeta', null, null]);
    // A slice starts inside the buffers (its first offset is not 0).
    const tail = words.slice(2);
    expect(sorted(vector.slice(2), tail, 'desc')).toEqual(['beta', 'alpha', 'Beta', 'Alpha', null]);
  });

  it('is stable: equal keys keep their row order, ascending and descending', () => {
    const values = [1, 0, 1, 0, 1, 0];
    const vector = vectorFromArray(values, new Int32());
    expect(Array.from(sortPermutation(columnSortKeys(vector), 'asc'))).toEqual([1, 3, 5, 0, 2, 4]);
    expect(Array.from(sortPermutation(columnSortKeys(vector), 'desc'))).toEqual([0, 2, 4, 1, 3, 5]);
  });

  it('reads every chunk of a chunked column', () => {
    const a = vectorFromArray([5, 1], new Float64());
    const b = vectorFromArray([3, null], new Float64());
    const chunked = a.concat(b);
    expect(sorted(chunked, [5, 1, 3, null], 'asc')).toEqual([1, 3, 5, null]);
    expect(makeVector(chunked.data[1]!).length).toBe(2);
  });

  it('sorts a million numbers in one go (time printed, not asserted)', () => {
    const n = 1_000_000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = Math.sin(i) * 1e6;
    const vector = makeVector(values);
    const started = performance.now();
    const order = sortPermutation(columnSortKeys(vector), 'asc');
    const elapsed = performance.now() - started;
    console.log(`sorting 1,000,000 float64 values took ${elapsed.toFixed(1)} ms`);
    for (let i = 1; i < n; i++)
      if (values[order[i]!]! < values[order[i - 1]!]!) throw new Error(`out of order at ${i}`);
    const words = Array.from({ length: 200_000 }, (_, i) => `w${(i * 7919) % 200_000}`);
    const textStarted = performance.now();
    sortPermutation(columnSortKeys(vectorFromArray(words, new Utf8())), 'asc');
    console.log(`sorting 200,000 distinct strings took ${(performance.now() - textStarted).toFixed(1)} ms`);
  });
});
