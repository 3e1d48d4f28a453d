/**
 * The query-engine contract shared by every runtime (native DuckDB in Node, DuckDB-WASM in a
 * browser worker or in Node). The UI, the desktop host and the CLI depend on this interface only.
 */
import type { RecordBatch, Table } from 'apache-arrow';
import type { SourceFormat } from '../sources/formats.ts';
import type { ParamValue } from '../sql/params.ts';

export type EngineKind = 'native' | 'wasm';

/** A file (by path, where the runtime can read paths) or its bytes. */
export interface SourceInput {
  /** The file's name (its base name decides the table name and, with the bytes, the format). */
  name: string;
  /** A path on disk (Node runtimes only). */
  path?: string;
  /** The file's bytes. */
  bytes?: Uint8Array;
  /** Override the detected format. */
  format?: SourceFormat;
  /** Override the table name (sanitised like file names). */
  tableName?: string;
  /** CSV/TSV options; anything left out is detected. */
  csv?: CsvOptions;
  /** For Excel files: read only this sheet (by name). Default: every sheet. */
  sheet?: string;
}

export interface CsvOptions {
  delimiter?: string;
  header?: boolean;
  quote?: string;
  /** Longest line in bytes (DuckDB's default is 2 MB; longer lines are retried with 64 MiB). */
  maxLineSize?: number;
}

/** One table a source produced (a workbook or SQLite file produces one per sheet or table). */
export interface TableInfo {
  name: string;
  /** The file it came from, if any. */
  source?: string;
  format?: SourceFormat;
  /** The sheet or SQLite table inside the source, when the source holds several. */
  part?: string;
  columns: ColumnInfo[];
  rowCount: number;
  /** Changes whenever the table's data is replaced. */
  fingerprint: string;
}

export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. `BIGINT`, `VARCHAR`, `DATE`, `DECIMAL(10,2)`. */
  type: string;
  nullable: boolean;
}

export interface QueryOptions {
  /** Values for `$name` parameters. */
  params?: Readonly<Record<string, ParamValue>>;
  /** Abort to cancel; the promise rejects with CancelledError. */
  signal?: AbortSignal;
  /** Stop the query after this many milliseconds (rejects with TimeoutError). */
  timeoutMs?: number;
  /** Use the result cache (default true for read-only queries). */
  cache?: boolean;
}

export interface QueryResult {
  table: Table;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  /** True when served from the result cache. */
  cached: boolean;
}

export interface PageOptions extends QueryOptions {
  offset: number;
  limit: number;
  /** Also count the rows of the whole result (one extra query). */
  withTotal?: boolean;
}

export interface QueryPage extends QueryResult {
  offset: number;
  /** Total rows of the whole result, when asked for. */
  totalRows?: number;
}

export type ValidationResult =
  | { ok: true }
  | { ok: false; message: string; kind: string; line?: number; column?: number; position?: number };

/** Numbers describing one column, computed in SQL. */
export interface ColumnProfile {
  name: string;
  type: string;
  /** 'number' | 'text' | 'temporal' | 'boolean' | 'other' */
  category: ColumnCategory;
  rowCount: number;
  nulls: number;
  /** Approximate (HyperLogLog) count of distinct non-null values. */
  distinct: number;
  min: string | number | null;
  max: string | number | null;
  mean?: number | null;
  stddev?: number | null;
  /** Quartiles: exact up to 1M rows, DuckDB's T-digest estimate beyond. */
  quantiles?: { p25: number | null; p50: number | null; p75: number | null };
  /** Most frequent values (text and boolean columns). */
  topValues?: { value: string | null; count: number }[];
  /** Equal-width bins over [min, max] (number and temporal columns). */
  histogram?: { start: number | string; end: number | string; count: number }[];
}

export type ColumnCategory = 'number' | 'text' | 'temporal' | 'boolean' | 'other';

export interface TableProfile {
  table: string;
  rowCount: number;
  columns: ColumnProfile[];
  elapsedMs: number;
}

export interface ProfileOptions {
  /** Histogram bins (default 20). */
  bins?: number;
  /** Top values per text column (default 10). */
  topValues?: number;
  signal?: AbortSignal;
}

/** The query engine. All methods are safe to call concurrently. */
export interface Engine {
  readonly kind: EngineKind;
  /** DuckDB's version string, e.g. `v1.5.6`. */
  version(): Promise<string>;
  /** Reads a file into one or more tables. All or nothing: a bad file registers nothing. */
  register(input: SourceInput): Promise<TableInfo[]>;
  /** Registers an Arrow table (or Arrow IPC bytes) under a name. */
  registerArrow(name: string, data: Table | Uint8Array): Promise<TableInfo>;
  /** Removes a table registered earlier. */
  drop(name: string): Promise<void>;
  /** Every table with its columns and row count. */
  tables(): Promise<TableInfo[]>;
  /** Per-column statistics of a table. */
  profile(table: string, options?: ProfileOptions): Promise<TableProfile>;
  /** Runs SQL (the last statement's result is returned). */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** Runs SQL and yields its result as Arrow record batches, for results too big to hold at once. */
  stream(sql: string, options?: QueryOptions): AsyncIterable<RecordBatch>;
  /** One page (offset/limit) of a query's result. */
  page(sql: string, options: PageOptions): Promise<QueryPage>;
  /** DuckDB's plan for a query, as text. */
  explain(sql: string, options?: { analyze?: boolean; params?: QueryOptions['params'] }): Promise<string>;
  /** Parses and binds SQL without running it. */
  validate(sql: string): Promise<ValidationResult>;
  /** Cancels every query running now. */
  cancelAll(): void;
  /** Frees the database. Further calls reject with EngineClosedError. */
  close(): Promise<void>;
}
