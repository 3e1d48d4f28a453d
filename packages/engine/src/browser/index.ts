/** The engine in a browser: DuckDB-WASM in a Web Worker. */
export { createBrowserEngine, type BrowserEngineOptions } from './browser-engine.ts';
