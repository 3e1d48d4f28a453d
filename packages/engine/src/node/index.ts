/** The engine in Node: native DuckDB (default) or DuckDB-WASM in a worker thread. */
import { DuckDbEngine, type DuckDbEngineOptions, type Engine, WasmBackend } from '@facet/engine/common';
import { nodeFiles } from './files.ts';
import { NativeBackend, type NativeOptions } from './native-backend.ts';
import { readSqliteNode } from './sqlite-reader.ts';
import { startWasmDatabase } from './wasm-node.ts';

export type { NativeOptions } from './native-backend.ts';
export { readSqliteNode } from './sqlite-reader.ts';
export { startWasmDatabase } from './wasm-node.ts';

const nodeEnvironment = { files: nodeFiles, readSqlite: readSqliteNode };

/** Native DuckDB: threads = cores, a memory limit, and spilling to a temp directory. */
export async function createNativeEngine(
  options: NativeOptions & DuckDbEngineOptions = {},
): Promise<DuckDbEngine> {
  return new DuckDbEngine(await NativeBackend.create(options), nodeEnvironment, options);
}

/** DuckDB-WASM running in a Node worker thread (the browser build's twin). */
export async function createWasmEngine(options: DuckDbEngineOptions = {}): Promise<DuckDbEngine> {
  const db = await startWasmDatabase();
  return new DuckDbEngine(await WasmBackend.create(db), nodeEnvironment, options);
}

/** Creates the engine of the given kind. */
export function createEngine(
  kind: 'native' | 'wasm',
  options: NativeOptions & DuckDbEngineOptions = {},
): Promise<Engine> {
  return kind === 'wasm' ? createWasmEngine(options) : createNativeEngine(options);
}
