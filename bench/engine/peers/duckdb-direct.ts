/**
 * The baseline: `@duckdb/node-api` used directly, one connection, as a careful user would without
 * our engine in between. Every ratio in the report is relative to this peer.
 */
import os from 'node:os';
import { DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api';
import type { Peer } from '../peer.ts';
import { type SqlResult, sqlPeer } from './sql-peer.ts';

/** Opens an in-memory DuckDB with one thread per core. */
export async function createDuckDbDirectPeer(): Promise<Peer> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) });
  const connection = await instance.connect();
  const select = async (sql: string): Promise<SqlResult> => readerResult(await connection.runAndReadAll(sql));
  const exec = async (sql: string): Promise<void> => {
    await connection.run(sql);
  };
  const [version] = (await select('SELECT version() AS v')).column('v');
  return sqlPeer({
    version: String(version),
    exec,
    select,
    loadCsv: (path, table) => exec(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${quote(path)})`),
    loadParquet: (path, table) => exec(`CREATE TABLE ${table} AS SELECT * FROM read_parquet(${quote(path)})`),
    profile: async (table) => (await select(`SUMMARIZE ${table}`)).rows,
    drop: (table) => exec(`DROP TABLE IF EXISTS ${table}`),
    close() {
      connection.closeSync();
      instance.closeSync();
      return Promise.resolve();
    },
  });
}

function readerResult(reader: DuckDBResultReader): SqlResult {
  const columns = reader.getColumnsObjectJS();
  return { rows: reader.currentRowCount, column: (name) => columns[name] ?? [] };
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
