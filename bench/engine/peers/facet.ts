/**
 * Our engine (`@facet/engine/node`), native or DuckDB-WASM in a worker thread, driven only through
 * its public API. Every query passes `cache: false`: the result cache would otherwise answer the
 * repeated runs and the benchmark would time a map lookup.
 */
import path from 'node:path';
import type { Engine } from '@facet/engine/common';
import { createNativeEngine, createWasmEngine } from '@facet/engine/node';
import type { Peer } from '../peer.ts';
import { type SqlResult, sqlPeer } from './sql-peer.ts';

/** Starts our engine of the given kind with its default options, as the app would. */
export async function createFacetPeer(kind: 'native' | 'wasm'): Promise<Peer> {
  const engine: Engine = kind === 'native' ? await createNativeEngine() : await createWasmEngine();
  const select = async (sql: string): Promise<SqlResult> => {
    const { table, rowCount } = await engine.query(sql, { cache: false });
    return { rows: rowCount, column: (name) => table.getChild(name) ?? [] };
  };
  const register = async (file: string, tableName: string): Promise<void> => {
    await engine.register({ name: path.basename(file), path: file, tableName });
  };
  return sqlPeer({
    version: `${kind} ${await engine.version()}`,
    exec: async (sql) => {
      await engine.query(sql, { cache: false });
    },
    select,
    loadCsv: register,
    loadParquet: register,
    profile: async (table) => (await engine.profile(table)).columns.length,
    async drop(table) {
      const tables = await engine.tables();
      if (tables.some((t) => t.name === table)) await engine.drop(table);
    },
    close: () => engine.close(),
  });
}
