/**
 * Where the browser app finds DuckDB-WASM and sql.js: files the build copies beside the page
 * (scripts/build-web.ts), so the app works offline and from any static server. Starting the engine
 * is timed with the User Timing API (`facet:engine-start`), so the cost can be measured in the page.
 */
import type { Engine } from '@facet/engine/common';
import { createBrowserEngine } from '@facet/engine/browser';

export interface EngineAssets {
  /** DuckDB-WASM's worker script (`duckdb-browser-eh.worker.js`). */
  workerUrl: string;
  /** DuckDB-WASM's module (`duckdb-eh.wasm`). */
  wasmUrl: string;
  /** sql.js's module, for SQLite files. */
  sqliteWasmUrl: string;
}

/** The assets as the web build lays them out, relative to the page. */
export function bundledAssets(base: string | URL = globalThis.location.href): EngineAssets {
  const at = (file: string): string => new URL(file, base).href;
  return {
    workerUrl: at('duckdb/duckdb-browser-eh.worker.js'),
    wasmUrl: at('duckdb/duckdb-eh.wasm'),
    sqliteWasmUrl: at('sql-wasm.wasm'),
  };
}

/** Starts DuckDB-WASM in its Web Worker. */
export async function startEngine(assets: EngineAssets): Promise<Engine> {
  const started = performance.now();
  const engine = await createBrowserEngine(assets);
  performance.measure('facet:engine-start', { start: started, end: performance.now() });
  return engine;
}
