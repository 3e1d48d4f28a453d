/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last point,
 * splits the rest into equal buckets and keeps from each the point that makes the largest triangle
 * with the point kept before it and the average of the next bucket. Peaks and dips survive, which
 * is what a line chart must show; a million points become a few thousand that look the same.
 */

/**
 * Indices (ascending) of at most `threshold` points to keep from a series. `xs` must be ascending.
 * Points whose x or y is not a finite number are left out (they cannot be drawn as a line anyway).
 */
export function lttbIndices(
  xs: ArrayLike<number | null>,
  ys: ArrayLike<number | null>,
  threshold: number,
): number[] {
  const valid: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) if (isFiniteNumber(xs[i]) && isFiniteNumber(ys[i])) valid.push(i);
  const keep = Math.max(2, Math.floor(threshold));
  if (valid.length <= keep) return valid;
  const x = (k: number): number => xs[valid[k] as number] as number;
  const y = (k: number): number => ys[valid[k] as number] as number;

  const out: number[] = [valid[0] as number];
  const bucketSize = (valid.length - 2) / (keep - 2);
  let a = 0; // the point kept last, as an index into `valid`
  for (let bucket = 0; bucket < keep - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.min(Math.floor((bucket + 1) * bucketSize) + 1, valid.length - 1);
    // The average of the next bucket (the last point when there is no next bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, valid.length);
    let avgX = 0;
    let avgY = 0;
    for (let k = nextStart; k < nextEnd; k++) {
      avgX += x(k);
      avgY += y(k);
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;

    const ax = x(a);
    const ay = y(a);
    let best = start;
    let bestArea = -1;
    for (let k = start; k < end; k++) {
      // Twice the triangle's area; the factor does not change which is largest.
      const area = Math.abs((ax - avgX) * (y(k) - ay) - (ax - x(k)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
    }
    out.push(valid[best] as number);
    a = best;
  }
  out.push(valid[valid.length - 1] as number);
  return out;
}

/**
 * Rows to keep so that every series stays within about `budget` points in all: the union of each
 * series' LTTB choice, so that series sharing an x axis (and stacks) stay aligned.
 */
export function lttbRows(
  xs: ArrayLike<number | null>,
  series: readonly ArrayLike<number | null>[],
  budget: number,
): number[] {
  if (xs.length <= budget) return Array.from({ length: xs.length }, (_, i) => i);
  const per = Math.max(64, Math.floor(budget / Math.max(1, series.length)));
  const keep = new Set<number>();
  for (const ys of series) for (const i of lttbIndices(xs, ys, per)) keep.add(i);
  return [...keep].sort((p, q) => p - q);
}

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
