/**
 * Sorting a result by one column without moving any data: the column becomes 64-bit unsigned sort
 * keys (two 32-bit words per row, see sort-keys.ts) and an LSD radix sort over 11-bit digits orders
 * row numbers by them. It is stable, linear in the row count and works on typed arrays only, so a
 * million numbers sort in tens of milliseconds on the UI thread (no worker, no copies of values).
 */

/** A column's sort keys: row `i` orders by `(hi[i], lo[i])`; `valid[i] === 0` marks a NULL. */
export interface SortKeys {
  lo: Uint32Array;
  /** Absent when every key fits in `lo` (ranks, 32-bit integers): half the passes. */
  hi?: Uint32Array;
  /** Absent when the column has no NULLs. */
  valid?: Uint8Array;
}

export type SortDirection = 'asc' | 'desc';

/** 11-bit digits: three per 32-bit word, and 2048 buckets stay in the CPU cache while scattering. */
const DIGITS: readonly { shift: number; mask: number }[] = [
  { shift: 0, mask: 0x7ff },
  { shift: 11, mask: 0x7ff },
  { shift: 22, mask: 0x3ff },
];
const BUCKETS = 2048;

/**
 * The row numbers of the column in sorted order. NULLs go last in both directions (DuckDB's
 * default), in their original order; equal keys keep their original order too (stable).
 */
export function sortPermutation(keys: SortKeys, direction: SortDirection): Uint32Array {
  const { valid } = keys;
  const n = keys.lo.length;
  const order = new Uint32Array(n);
  let count = 0;
  if (valid) {
    for (let i = 0; i < n; i++) if (valid[i]) order[count++] = i;
    let tail = count;
    for (let i = 0; i < n; i++) if (!valid[i]) order[tail++] = i;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    count = n;
  }
  // The keys travel with the rows, so every pass reads its input in sequence. Descending sorts
  // complemented keys (reversing an ascending order would swap equal keys: not stable).
  const flip = direction === 'desc' ? 0xffffffff : 0;
  let rows = order.subarray(0, count);
  let lo = new Uint32Array(count);
  let hi = keys.hi ? new Uint32Array(count) : undefined;
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    lo[i] = (keys.lo[row]! ^ flip) >>> 0;
    if (hi) hi[i] = (keys.hi![row]! ^ flip) >>> 0;
  }
  const histograms = countDigits(lo, hi);
  let rowsOut = new Uint32Array(count);
  let loOut = new Uint32Array(count);
  let hiOut = hi ? new Uint32Array(count) : undefined;
  for (let d = 0; d < histograms.length; d++) {
    const histogram = histograms[d]!;
    if (histogram.some((c) => c === count)) continue; // every row has the same digit: nothing moves
    startsOf(histogram);
    const { shift, mask } = DIGITS[d % DIGITS.length]!;
    if (d >= DIGITS.length) {
      // The low word's digits are done: only the high word is read again.
      scatter(histogram, hi!, shift, mask, [rows, hi!], [rowsOut, hiOut!]);
      [hi, hiOut] = [hiOut, hi];
    } else if (hi) {
      scatter(histogram, lo, shift, mask, [rows, lo, hi], [rowsOut, loOut, hiOut!]);
      [lo, loOut, hi, hiOut] = [loOut, lo, hiOut!, hi];
    } else {
      scatter(histogram, lo, shift, mask, [rows, lo], [rowsOut, loOut]);
      [lo, loOut] = [loOut, lo];
    }
    [rows, rowsOut] = [rowsOut, rows];
  }
  if (rows.buffer !== order.buffer) order.set(rows, 0);
  return order;
}

/** Turns bucket counts into bucket start positions, in place. */
function startsOf(histogram: Uint32Array): void {
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = histogram[b]!;
    histogram[b] = sum;
    sum += c;
  }
}

/** Moves each array's items to their bucket's next position by the digit of `word` (a counting sort). */
function scatter(
  starts: Uint32Array,
  word: Uint32Array,
  shift: number,
  mask: number,
  from: readonly Uint32Array[],
  to: readonly Uint32Array[],
): void {
  const count = word.length;
  const [a, b, c] = from as [Uint32Array, Uint32Array, Uint32Array | undefined];
  const [aOut, bOut, cOut] = to as [Uint32Array, Uint32Array, Uint32Array | undefined];
  // One loop per arity, so the hot loop has no branches.
  if (c && cOut) {
    for (let i = 0; i < count; i++) {
      const at = starts[(word[i]! >>> shift) & mask]!++;
      aOut[at] = a[i]!;
      bOut[at] = b[i]!;
      cOut[at] = c[i]!;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const at = starts[(word[i]! >>> shift) & mask]!++;
      aOut[at] = a[i]!;
      bOut[at] = b[i]!;
    }
  }
}

/** Every digit's histogram, counted in one pass over the keys. */
function countDigits(lo: Uint32Array, hi: Uint32Array | undefined): Uint32Array[] {
  const words = hi ? [lo, hi] : [lo];
  const histograms = words.flatMap(() => DIGITS.map(() => new Uint32Array(BUCKETS)));
  words.forEach((word, w) => {
    const [a, b, c] = histograms.slice(w * 3, w * 3 + 3) as [Uint32Array, Uint32Array, Uint32Array];
    for (let i = 0; i < word.length; i++) {
      const key = word[i]!;
      a[key & 0x7ff]!++;
      b[(key >>> 11) & 0x7ff]!++;
      c[key >>> 22]!++;
    }
  });
  return histograms;
}
