/**
 * The native DuckDB runtime (`@duckdb/node-api`): multi-threaded, with a memory limit and a spill
 * directory so queries bigger than memory go to disk instead of failing. Each query gets its own
 * connection, so queries run concurrently and cancelling one interrupts only that one.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBResult,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { RecordBatch, Table } from 'apache-arrow';
import { Table as ArrowTable } from 'apache-arrow';
import {
  type BackendResult,
  fileReaderSql,
  type NativeFileSource,
  type ParamValue,
  type SourceFormat,
  type SqlBackend,
} from '@facet/engine/common';
import { createTableFromArrow } from './arrow-to-duckdb.ts';
import { ArrowBatchBuilder } from './duckdb-to-arrow.ts';

export interface NativeOptions {
  /** Worker threads (default: every core). */
  threads?: number;
  /** DuckDB memory limit, e.g. `"4GB"` (default: 75% of RAM). */
  memoryLimit?: string;
  /** Where big queries spill (default: a fresh folder under the OS temp dir, removed on close). */
  tempDirectory?: string;
  /** A database file to open (default: in memory). */
  databasePath?: string;
}

/** Rows per Arrow record batch when streaming. */
const BATCH_ROWS = 64 * 1024;

export class NativeBackend implements SqlBackend {
  readonly kind = 'native' as const;
  readonly readsPaths = true;
  private readonly connections = new Set<DuckDBConnection>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly scratch: string,
    private readonly ownsTempDir: boolean,
  ) {}

  static async create(options: NativeOptions = {}): Promise<NativeBackend> {
    const threads = options.threads ?? os.availableParallelism();
    const memoryLimit =
      options.memoryLimit ?? `${Math.max(1, Math.floor((os.totalmem() * 0.75) / 2 ** 20))}MB`;
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'facet-duckdb-'));
    const tempDirectory = options.tempDirectory ?? path.join(scratch, 'spill');
    await mkdir(tempDirectory, { recursive: true });
    const instance = await DuckDBInstance.create(options.databasePath ?? ':memory:', {
      threads: String(threads),
      memory_limit: memoryLimit,
      temp_directory: tempDirectory,
      autoload_known_extensions: 'false',
      autoinstall_known_extensions: 'false',
    });
    return new NativeBackend(instance, scratch, options.tempDirectory === undefined);
  }

  async version(): Promise<string> {
    const { table } = await this.run('SELECT version() AS v', []);
    return String(table.getChildAt(0)?.get(0));
  }

  async run(sql: string, values: readonly ParamValue[], signal?: AbortSignal): Promise<BackendResult> {
    return this.withConnection(signal, async (connection) => {
      const result = await connection.run(sql, toDuckValues(values));
      const builder = new ArrowBatchBuilder(result.columnNames(), result.columnTypes());
      const batches: RecordBatch[] = [];
      for (
        let chunk = await result.fetchChunk();
        chunk && chunk.rowCount > 0;
        chunk = await result.fetchChunk()
      ) {
        builder.add(chunk);
        if (builder.bufferedRows >= BATCH_ROWS) batches.push(builder.flush());
      }
      if (builder.bufferedRows > 0 || batches.length === 0) batches.push(builder.flush());
      const table = new ArrowTable(builder.schema, batches);
      return { table, duckdbTypes: result.columnTypes().map((t) => t.toString()) };
    });
  }

  async *stream(
    sql: string,
    values: readonly ParamValue[],
    signal?: AbortSignal,
  ): AsyncGenerator<RecordBatch> {
    const { connection, release } = await this.acquire(signal);
    try {
      const result: DuckDBResult = await connection.stream(sql, toDuckValues(values));
      const builder = new ArrowBatchBuilder(result.columnNames(), result.columnTypes());
      let yielded = false;
      for (
        let chunk = await result.fetchChunk();
        chunk && chunk.rowCount > 0;
        chunk = await result.fetchChunk()
      ) {
        if (signal?.aborted) return;
        builder.add(chunk);
        if (builder.bufferedRows >= BATCH_ROWS) {
          yielded = true;
          yield builder.flush();
        }
      }
      if (builder.bufferedRows > 0 || !yielded) yield builder.flush();
    } finally {
      release();
    }
  }

  async prepare(sql: string): Promise<void> {
    await this.withConnection(undefined, async (connection) => {
      const prepared = await connection.prepare(sql);
      prepared.destroySync?.();
    });
  }

  readsNatively(format: SourceFormat): boolean {
    return (
      format === 'csv' || format === 'tsv' || format === 'parquet' || format === 'json' || format === 'ndjson'
    );
  }

  async createTableFromFile(table: string, source: NativeFileSource): Promise<void> {
    let filePath = source.path;
    let temporary: string | undefined;
    if (filePath === undefined) {
      temporary = path.join(this.scratch, `upload-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      await writeFile(temporary, source.bytes ?? new Uint8Array());
      filePath = temporary;
    }
    try {
      await this.run(
        `CREATE TABLE "${table.replaceAll('"', '""')}" AS SELECT * FROM ${fileReaderSql(filePath, source)}`,
        [],
      );
    } finally {
      if (temporary) await rm(temporary, { force: true });
    }
  }

  async createTableFromArrow(table: string, data: Table): Promise<void> {
    await this.withConnection(undefined, (connection) => createTableFromArrow(connection, table, data));
  }

  async close(): Promise<void> {
    for (const connection of this.connections) {
      connection.interrupt();
      connection.closeSync();
    }
    this.connections.clear();
    this.instance.closeSync();
    if (this.ownsTempDir) await rm(this.scratch, { recursive: true, force: true });
  }

  private async withConnection<T>(
    signal: AbortSignal | undefined,
    work: (c: DuckDBConnection) => Promise<T>,
  ): Promise<T> {
    const { connection, release } = await this.acquire(signal);
    try {
      if (signal?.aborted) throw new Error('INTERRUPT Error: Interrupted!');
      return await work(connection);
    } finally {
      release();
    }
  }

  /** A fresh connection whose query is interrupted when `signal` aborts, and its release. */
  private async acquire(
    signal: AbortSignal | undefined,
  ): Promise<{ connection: DuckDBConnection; release: () => void }> {
    const connection = await this.instance.connect();
    this.connections.add(connection);
    const onAbort = (): void => connection.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = (): void => {
      signal?.removeEventListener('abort', onAbort);
      this.connections.delete(connection);
      connection.closeSync();
    };
    return { connection, release };
  }
}

function toDuckValues(values: readonly ParamValue[]): DuckDBValue[] | undefined {
  if (values.length === 0) return undefined;
  return values.map((v) => (v instanceof Date ? new DuckDBTimestampValue(BigInt(v.getTime()) * 1000n) : v));
}
