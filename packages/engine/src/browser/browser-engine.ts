/**
 * DuckDB-WASM in a browser Web Worker. The app's bundler provides the worker script and the
 * `.wasm` module as URLs (e.g. Vite's `?url` imports); nothing is fetched from a CDN, so this
 * works offline. SQLite files are read with sql.js, whose `.wasm` URL is passed the same way.
 */
import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import { DuckDbEngine, type DuckDbEngineOptions, WasmBackend } from '@facet/engine/common';
import { readSqliteBrowser } from './sqlite-reader.ts';

export interface BrowserEngineOptions extends DuckDbEngineOptions {
  /** URL of DuckDB-WASM's worker script (`duckdb-browser-eh.worker.js`). */
  workerUrl: string;
  /** URL of DuckDB-WASM's module (`duckdb-eh.wasm`). */
  wasmUrl: string;
  /** URL of sql.js's `sql-wasm.wasm`, for SQLite files. */
  sqliteWasmUrl: string;
}

export async function createBrowserEngine(options: BrowserEngineOptions): Promise<DuckDbEngine> {
  const worker = new Worker(options.workerUrl);
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  await db.instantiate(options.wasmUrl);
  // Each poll of a running query works up to 100 ms before answering, instead of many short round trips.
  await db.open({ query: { castBigIntToDouble: false, queryPollingInterval: 100 } });
  const backend = await WasmBackend.create(db);
  return new DuckDbEngine(
    backend,
    { readSqlite: (source) => readSqliteBrowser(source, options.sqliteWasmUrl) },
    options,
  );
}
