import { describe, expect, it } from 'vitest';
import { lttbIndices, lttbRows } from './lttb.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('lttbIndices', () => {
  it('keeps the first and last point and at most the threshold, in ascending order', () => {
    const xs = range(100_000);
    const ys = xs.map((x) => Math.sin(x / 500) * 10 + ((x * 7919) % 13) / 13);
    const kept = lttbIndices(xs, ys, 1000);
    expect(kept).toHaveLength(1000);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(99_999);
    expect(kept.every((k, i) => i === 0 || k > (kept[i - 1] as number))).toBe(true);
  });

  it('keeps peaks and dips a naive every-nth sample would lose', () => {
    const xs = range(10_000);
    const ys = xs.map(() => 0);
    ys[1234] = 100;
    ys[7777] = -50;
    const kept = lttbIndices(xs, ys, 100);
    expect(kept).toContain(1234);
    expect(kept).toContain(7777);
    const everyNth = xs.filter((x) => x % 100 === 0);
    expect(everyNth).not.toContain(1234);
  });

  it('keeps everything when it is already small, and skips points that cannot be drawn', () => {
    expect(lttbIndices([1, 2, 3], [4, 5, 6], 10)).toEqual([0, 1, 2]);
    expect(lttbIndices([1, 2, 3, 4], [4, null, Number.NaN, 6], 10)).toEqual([0, 3]);
    expect(lttbIndices([], [], 10)).toEqual([]);
    expect(lttbIndices(range(50), range(50), 0)).toEqual([0, 49]);
  });

  it('works on uneven x (time) and picks from every part of the range', () => {
    const xs = range(5000).map((i) => i * i);
    const ys = xs.map((_, i) => Math.cos(i / 50));
    const kept = lttbIndices(xs, ys, 50);
    expect(kept).toHaveLength(50);
    const quarters = [0, 1, 2, 3].map((q) => kept.filter((k) => Math.floor(k / 1250) === q).length);
    expect(quarters.every((n) => n >= 10)).toBe(true);
  });
});

describe('lttbRows', () => {
  it('keeps the union of each series, bounded by the budget per series', () => {
    const xs = range(20_000);
    const a = xs.map((x) => (x === 500 ? 1000 : 0));
    const b = xs.map((x) => (x === 15_000 ? -1000 : 1));
    const rows = lttbRows(xs, [a, b], 1000);
    expect(rows).toContain(500);
    expect(rows).toContain(15_000);
    expect(rows.length).toBeLessThanOrEqual(1000);
    expect(rows).toEqual([...rows].sort((p, q) => p - q));
    expect(lttbRows([1, 2, 3], [[1, 2, 3]], 1000)).toEqual([0, 1, 2]);
  });
});
