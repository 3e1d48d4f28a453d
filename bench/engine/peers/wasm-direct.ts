/**
 * DuckDB-WASM used directly, the way its documentation shows (`AsyncDuckDB.connect()` and
 * `conn.query()`), in the same worker thread setup as our WASM engine. Comparing `ours-wasm` with
 * this peer isolates our engine's own overhead from WASM's cost against native DuckDB.
 * Parquet cannot be read by this offline WASM build, so its flights table is loaded through the
 * same JS reader ours uses (hyparquet → Arrow IPC).
 */
import { readFile } from 'node:fs/promises';
import { readParquet } from '@facet/engine/common';
import { startWasmDatabase } from '@facet/engine/node';
import { tableToIPC } from 'apache-arrow';
import type { Peer } from '../peer.ts';
import { type SqlResult, sqlPeer } from './sql-peer.ts';

interface Connection {
  query(sql: string): Promise<{ numRows: number; getChild(name: string): Iterable<unknown> | null }>;
  insertArrowFromIPCStream(bytes: Uint8Array, options: { name: string; create: boolean }): Promise<void>;
  close(): Promise<void>;
}

interface Database {
  connect(): Promise<Connection>;
  registerFileBuffer(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<unknown>;
  getVersion(): Promise<string>;
  terminate(): Promise<void>;
}

/** Starts DuckDB-WASM in a worker thread with one connection. */
export async function createWasmDirectPeer(): Promise<Peer> {
  const db = (await startWasmDatabase()) as unknown as Database;
  const connection = await db.connect();
  await connection.query('SET autoload_known_extensions = false');
  const select = async (sql: string): Promise<SqlResult> => {
    const table = await connection.query(sql);
    return { rows: table.numRows, column: (name) => table.getChild(name) ?? [] };
  };
  const exec = async (sql: string): Promise<void> => {
    await connection.query(sql);
  };
  return sqlPeer({
    version: `wasm ${await db.getVersion()}`,
    exec,
    select,
    async loadCsv(path, table) {
      await db.registerFileBuffer('input.csv', new Uint8Array(await readFile(path)));
      await exec(`CREATE TABLE ${table} AS SELECT * FROM read_csv('input.csv')`);
      await db.dropFile('input.csv');
    },
    async loadParquet(path, table) {
      const arrow = await readParquet(new Uint8Array(await readFile(path)));
      await connection.insertArrowFromIPCStream(tableToIPC(arrow, 'stream'), { name: table, create: true });
    },
    profile: async (table) => (await select(`SUMMARIZE ${table}`)).rows,
    drop: (table) => exec(`DROP TABLE IF EXISTS ${table}`),
    async close() {
      await connection.close();
      await db.terminate();
    },
  });
}
