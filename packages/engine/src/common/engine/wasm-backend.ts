/**
 * The DuckDB-WASM runtime, written against the low-level part of `AsyncDuckDB` so it runs the same
 * in a browser Web Worker and in a Node worker thread. This WASM build has only CSV built in
 * (extensions would be downloaded, which hangs offline), so autoloading is switched off and
 * Parquet, Excel, Arrow and SQLite arrive through JS readers as Arrow tables.
 *
 * Results travel as Arrow IPC bytes and are decoded with *our* apache-arrow, so exactly one Arrow
 * class hierarchy is in play (duckdb-wasm's Node build loads Arrow's CommonJS copy, whose classes
 * fail `instanceof` checks against the ES module copy).
 */
import {
  type AsyncRecordBatchStreamReader,
  DataType,
  type RecordBatch,
  RecordBatchReader,
  Table,
  tableToIPC,
} from 'apache-arrow';
import type { SourceFormat } from '../sources/formats.ts';
import { splitStatements, statementKeywords } from '../sql/lexer.ts';
import type { ParamValue } from '../sql/params.ts';
import type { BackendResult, NativeFileSource, SqlBackend } from './backend.ts';
import { fileReaderSql } from './file-reader-sql.ts';

/** The low-level part of duckdb-wasm's `AsyncDuckDB` used here. */
export interface WasmDatabase {
  connectInternal(): Promise<number>;
  disconnect(conn: number): Promise<void>;
  runQuery(conn: number, text: string): Promise<Uint8Array>;
  startPendingQuery(conn: number, text: string, allowStreamResult?: boolean): Promise<Uint8Array | null>;
  pollPendingQuery(conn: number): Promise<Uint8Array | null>;
  cancelPendingQuery(conn: number): Promise<boolean>;
  fetchQueryResults(conn: number): Promise<Uint8Array | null>;
  createPrepared(conn: number, text: string): Promise<number>;
  closePrepared(conn: number, statement: number): Promise<void>;
  sendPrepared(conn: number, statement: number, params: unknown[]): Promise<Uint8Array>;
  insertArrowFromIPCStream(
    conn: number,
    buffer: Uint8Array,
    options?: { name: string; create?: boolean },
  ): Promise<void>;
  registerFileBuffer(name: string, buffer: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<unknown>;
  getVersion(): Promise<string>;
  terminate(): Promise<void>;
}

const INTERRUPTED = 'INTERRUPT Error: Interrupted!';
const MAX_IDLE_CONNECTIONS = 4;

export class WasmBackend implements SqlBackend {
  readonly kind = 'wasm' as const;
  readonly readsPaths = false;
  private fileCounter = 0;
  private readonly idle: number[] = [];

  private constructor(private readonly db: WasmDatabase) {}

  /** Wraps an instantiated, opened database and switches extension autoloading off. */
  static async create(db: WasmDatabase): Promise<WasmBackend> {
    const conn = await db.connectInternal();
    try {
      await db.runQuery(conn, 'SET GLOBAL autoload_known_extensions = false');
      await db.runQuery(conn, 'SET GLOBAL autoinstall_known_extensions = false');
    } finally {
      await db.disconnect(conn);
    }
    return new WasmBackend(db);
  }

  version(): Promise<string> {
    return this.db.getVersion();
  }

  async run(sql: string, values: readonly ParamValue[], signal?: AbortSignal): Promise<BackendResult> {
    const batches: RecordBatch[] = [];
    let schema: Table['schema'] | undefined;
    await this.withConnection(signal, async (conn) => {
      const reader = await this.sendLast(conn, sql, values, signal);
      for await (const batch of reader) batches.push(batch);
      schema = reader.schema;
    });
    return { table: schema ? new Table(schema, batches) : new Table(batches) };
  }

  async *stream(
    sql: string,
    values: readonly ParamValue[],
    signal?: AbortSignal,
  ): AsyncGenerator<RecordBatch> {
    const conn = await this.acquire();
    const onAbort = (): void => void this.db.cancelPendingQuery(conn).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    try {
      const reader = await this.sendLast(conn, sql, values, signal);
      for await (const batch of reader) {
        if (signal?.aborted) return;
        yield batch;
      }
      finished = !signal?.aborted;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await this.release(conn, finished);
    }
  }

  async prepare(sql: string): Promise<void> {
    await this.withConnection(undefined, async (conn) => {
      const statement = await this.db.createPrepared(conn, sql);
      await this.db.closePrepared(conn, statement);
    });
  }

  readsNatively(format: SourceFormat): boolean {
    return format === 'csv' || format === 'tsv';
  }

  async createTableFromFile(table: string, source: NativeFileSource): Promise<void> {
    const bytes = source.bytes;
    if (!bytes) throw new Error('the WASM engine needs the file bytes');
    const fileName = `facet-source-${++this.fileCounter}.${source.format}`;
    await this.withConnection(undefined, async (conn) => {
      try {
        // duckdb-wasm transfers (detaches) the buffer it is given: hand it a copy.
        await this.db.registerFileBuffer(fileName, bytes.slice());
        const sql = `CREATE TABLE "${table.replaceAll('"', '""')}" AS SELECT * FROM ${fileReaderSql(fileName, source)}`;
        await this.db.runQuery(conn, sql);
      } finally {
        await this.db.dropFile(fileName).catch(() => undefined);
      }
    });
  }

  async createTableFromArrow(table: string, data: Table): Promise<void> {
    if (data.schema.fields.length === 0) throw new Error('the data has no columns');
    await this.withConnection(undefined, (conn) =>
      this.db.insertArrowFromIPCStream(conn, tableToIPC(data, 'stream'), { name: table, create: true }),
    );
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  private async withConnection<T>(
    signal: AbortSignal | undefined,
    work: (conn: number) => Promise<T>,
  ): Promise<T> {
    const conn = await this.acquire();
    const onAbort = (): void => void this.db.cancelPendingQuery(conn).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    let healthy = false;
    try {
      if (signal?.aborted) throw new Error(INTERRUPTED);
      const result = await work(conn);
      if (signal?.aborted) throw new Error(INTERRUPTED);
      healthy = true;
      return result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await this.release(conn, healthy);
    }
  }

  /**
   * A connection for one call. Opening and closing one costs two worker round trips, which showed
   * up as ~1.7× on short queries, so connections that finished cleanly are kept for reuse.
   */
  private async acquire(): Promise<number> {
    return this.idle.pop() ?? (await this.db.connectInternal());
  }

  /** Keeps a cleanly finished connection for reuse; closes one that failed or was cancelled. */
  private async release(conn: number, reusable: boolean): Promise<void> {
    if (reusable && this.idle.length < MAX_IDLE_CONNECTIONS) {
      this.idle.push(conn);
      return;
    }
    await this.db.disconnect(conn).catch(() => undefined);
  }

  /** Starts a statement (pending query, or prepared when it has parameters) and returns its header. */
  private async start(
    conn: number,
    text: string,
    values: readonly ParamValue[],
    signal: AbortSignal | undefined,
  ): Promise<Uint8Array> {
    if (values.length > 0) {
      // Prepared statements are freed with their connection, after the stream has been read.
      const statement = await this.db.createPrepared(conn, text);
      return this.db.sendPrepared(conn, statement, values.map(toWasmValue));
    }
    let header = await this.db.startPendingQuery(conn, text, true);
    while (header === null) {
      if (signal?.aborted) {
        await this.db.cancelPendingQuery(conn).catch(() => undefined);
        throw new Error(INTERRUPTED);
      }
      header = await this.db.pollPendingQuery(conn);
    }
    return header;
  }

  /** Runs every statement but the last plainly, and the last as a cancellable pending query. */
  private async sendLast(
    conn: number,
    sql: string,
    values: readonly ParamValue[],
    signal: AbortSignal | undefined,
  ): Promise<AsyncRecordBatchStreamReader> {
    const statements = splitStatements(sql);
    const last = statements.pop();
    for (const statement of statements) await this.db.runQuery(conn, statement.text);
    const text = last?.text ?? sql;
    let header = await this.start(conn, text, values, signal);
    // DuckDB-WASM's streamed results omit dictionary batches, so ENUM columns would arrive as NULL.
    // For a query, ask again with those columns cast to text.
    const dictionaries = dictionaryColumns(header);
    if (dictionaries.length > 0 && isQuery(text)) {
      await this.db.cancelPendingQuery(conn).catch(() => undefined);
      const casts = dictionaries.map(
        (name) => `"${name.replaceAll('"', '""')}"::VARCHAR AS "${name.replaceAll('"', '""')}"`,
      );
      header = await this.start(
        conn,
        `SELECT * REPLACE (${casts.join(', ')}) FROM (\n${text}\n)`,
        values,
        signal,
      );
    }
    // An async source makes an async reader (Arrow's overloads cannot express that).
    const reader = await (RecordBatchReader.from(
      ipcChunks(this.db, conn, header),
    ) as unknown as Promise<AsyncRecordBatchStreamReader>);
    await reader.open();
    return reader;
  }
}

const QUERY_KEYWORDS = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot', '(']);

function isQuery(sql: string): boolean {
  const first = statementKeywords(sql)[0];
  return first !== undefined && QUERY_KEYWORDS.has(first);
}

/** Names of the top-level dictionary-encoded columns announced by a result's schema message. */
function dictionaryColumns(header: Uint8Array): string[] {
  try {
    const reader = RecordBatchReader.from(header);
    reader.open();
    return reader.schema.fields.filter((f) => DataType.isDictionary(f.type)).map((f) => f.name);
  } catch {
    return [];
  }
}

/** Yields the IPC messages of a pending query: its header, then each fetched chunk. */
async function* ipcChunks(db: WasmDatabase, conn: number, header: Uint8Array): AsyncGenerator<Uint8Array> {
  yield header;
  for (;;) {
    const chunk = await db.fetchQueryResults(conn);
    if (chunk === null) continue;
    if (chunk.length === 0) return;
    yield chunk;
  }
}

function toWasmValue(value: ParamValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}
