/**
 * What a DuckDB runtime must provide for `DuckDbEngine` to build the full `Engine` on top of it.
 * Kept small on purpose: everything shared (sources, catalog, profiling, caching, errors) lives in
 * the engine, so the native and WASM runtimes behave the same.
 */
import type { RecordBatch, Table } from 'apache-arrow';
import type { SourceFormat } from '../sources/formats.ts';
import type { ParamValue } from '../sql/params.ts';
import type { CsvOptions, EngineKind } from './types.ts';

/** A result: Arrow data plus DuckDB's type names for its columns when the runtime knows them. */
export interface BackendResult {
  table: Table;
  /** DuckDB type names per column (the WASM runtime only has Arrow types, so may omit them). */
  duckdbTypes?: string[];
}

/** A file the backend reads with DuckDB's own readers. */
export interface NativeFileSource {
  /** The display name (used in errors). */
  name: string;
  path?: string;
  bytes?: Uint8Array;
  format: SourceFormat;
  csv?: CsvOptions;
}

export interface SqlBackend {
  readonly kind: EngineKind;
  version(): Promise<string>;
  /**
   * Runs one or more statements and returns the last one's result. Aborting `signal` must
   * interrupt the query; the promise then rejects (with any error: the engine maps it).
   */
  run(sql: string, values: readonly ParamValue[], signal?: AbortSignal): Promise<BackendResult>;
  /** Runs a single statement and yields its result in record batches. */
  stream(sql: string, values: readonly ParamValue[], signal?: AbortSignal): AsyncIterable<RecordBatch>;
  /** Parses and binds one statement without running it; throws DuckDB's error. */
  prepare(sql: string): Promise<void>;
  /** Whether DuckDB in this runtime opens files by path (else it is handed the bytes). */
  readonly readsPaths: boolean;
  /** Whether DuckDB in this runtime reads this format itself. */
  readsNatively(format: SourceFormat): boolean;
  /** `CREATE TABLE <table> AS` the contents of a file, using DuckDB's reader. */
  createTableFromFile(table: string, source: NativeFileSource): Promise<void>;
  /** `CREATE TABLE <table>` holding an Arrow table. */
  createTableFromArrow(table: string, data: Table): Promise<void>;
  close(): Promise<void>;
}
