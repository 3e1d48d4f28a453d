/**
 * The contract every engine under test implements. Each method times only the work the benchmark
 * measures and returns a small checksum of its answer, computed outside the timed part, so that the
 * answers of different engines can be compared.
 */
import type { FlightsId } from './flights-queries.ts';
import type { H2oId } from './h2o-queries.ts';

/** Row count and column sums of an answer. */
export interface Check {
  rows: number;
  sums: number[];
}

/** One timed operation. */
export interface Timed {
  ms: number;
  check?: Check;
}

/** An engine loaded for the benchmark. Methods run one at a time. */
export interface Peer {
  /** The engine's version, for the report. */
  readonly version: string;
  /** Loads the CSV as table `x`, replacing an earlier load; the check's `rows` is the row count. */
  loadCsv(path: string): Promise<Timed>;
  /** Profiles every column of `x`; the check's `rows` is the number of columns profiled. */
  profile(): Promise<Timed>;
  /** Answers one groupby question over `x`. */
  groupby(id: H2oId): Promise<Timed>;
  /** Frees `x` before the next part of the run. */
  dropCsv(): Promise<void>;
  /** Loads the parquet file as table `flights`, replacing an earlier load. */
  loadParquet(path: string): Promise<Timed>;
  /** Answers one dashboard query over `flights`. */
  flights(id: FlightsId): Promise<Timed>;
  close(): Promise<void>;
}

/** Times `work` with the high-resolution clock. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Sums the values of a column; bigints become numbers. Nulls and NaNs are skipped because engines
 * disagree on which of the two an undefined statistic is (e.g. the correlation of a single row).
 */
export function sumOf(values: Iterable<unknown>): number {
  let total = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isNaN(n)) total += n;
  }
  return total;
}
