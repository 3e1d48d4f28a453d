/**
 * The `Engine` built on any DuckDB runtime. Everything that must behave identically in the native
 * and WASM runtimes lives here: source registration (all-or-nothing), the catalog, profiling,
 * parameters, cancellation and timeouts, the result cache and error translation.
 *
 *   register(file) ──► detect format ──► DuckDB reader ─┐
 *                                  └──► JS reader → Arrow ┴─► staging table ─► rename (one transaction)
 *   query(sql) ──► bind $params ──► cache? ──► backend.run (abortable) ──► Arrow table
 */
import { RecordBatch, Schema, Table, tableFromIPC } from 'apache-arrow';
import {
  CancelledError,
  EngineClosedError,
  FacetError,
  InvalidArgumentError,
  SourceFormatError,
  SqlError,
  TimeoutError,
} from '../errors.ts';
import { readJson } from '../readers/json.ts';
import { readParquet } from '../readers/parquet.ts';
import { readXlsx } from '../readers/xlsx.ts';
import { detectFormat, type SourceFormat } from '../sources/formats.ts';
import { sanitizeIdentifier, tableNameForFile } from '../sources/table-name.ts';
import { sqlErrorFromDuckDb } from '../sql/duckdb-errors.ts';
import { quoteIdent, quoteString } from '../sql/identifiers.ts';
import {
  isBlankSql,
  lineAndColumn,
  referencedNames,
  splitStatements,
  statementKeywords,
} from '../sql/lexer.ts';
import { bindNamedParams, type ParamValue } from '../sql/params.ts';
import { tableToRows } from '../arrow/to-js.ts';
import { duckdbTypeForArrow } from './arrow-types.ts';
import type { BackendResult, SqlBackend } from './backend.ts';
import { fingerprintBytes, fingerprintStrings } from './fingerprint.ts';
import { profileColumns } from './profile.ts';
import { ResultCache, type ResultCacheOptions } from './result-cache.ts';
import { findRaggedLine, type SourceErrorHints, sourceError } from './source-errors.ts';
import type {
  ColumnInfo,
  Engine,
  PageOptions,
  ProfileOptions,
  QueryOptions,
  QueryPage,
  QueryResult,
  SourceInput,
  TableInfo,
  TableProfile,
  ValidationResult,
} from './types.ts';

/** What the environment provides beyond DuckDB: file access (Node) and a SQLite reader. */
export interface EngineEnvironment {
  /** File access by path; absent in browsers, where sources arrive as bytes. */
  files?: {
    /** Size and modification time; throws SourceNotFoundError when missing. */
    stat(path: string): Promise<{ size: number; mtimeMs: number }>;
    readHead(path: string, length: number): Promise<Uint8Array>;
    readAll(path: string): Promise<Uint8Array>;
  };
  /** Reads every table of a SQLite database into Arrow tables. */
  readSqlite(source: {
    name: string;
    path?: string;
    bytes?: Uint8Array;
  }): Promise<{ name: string; table: Table }[]>;
}

export interface DuckDbEngineOptions {
  cache?: ResultCacheOptions | false;
}

interface RegisteredSource {
  source: string;
  format: SourceFormat;
  part?: string;
  fingerprint: string;
}

interface StagedPart {
  table: string;
  part?: string;
  load: (stage: string) => Promise<void>;
}

const STAGE_PREFIX = '__facet_stage_';
/** The line-size limit for CSV files whose lines exceed DuckDB's default (64 MiB). */
const LONG_LINES = 64 * 1024 * 1024;
const READ_ONLY = new Set([
  'select',
  'with',
  'from',
  'values',
  'table',
  'summarize',
  'describe',
  'show',
  'pivot',
  'unpivot',
  'explain',
  '(',
]);
const VOLATILE = new Set([
  'random',
  'now',
  'current_timestamp',
  'current_date',
  'current_time',
  'today',
  'get_current_time',
  'get_current_timestamp',
  'gen_random_uuid',
  'uuid',
  'nextval',
  'currval',
  'setseed',
  'transaction_timestamp',
  'read_csv',
  'read_csv_auto',
  'read_parquet',
  'parquet_scan',
  'read_json',
  'read_json_auto',
  'read_ndjson',
  'read_text',
  'read_blob',
  'glob',
  'sniff_csv',
  'duckdb_tables',
  'duckdb_columns',
  'duckdb_views',
  'information_schema',
  'pragma',
  'current_setting',
]);

export class DuckDbEngine implements Engine {
  readonly kind;
  private readonly sources = new Map<string, RegisteredSource>();
  private readonly running = new Set<AbortController>();
  private readonly cache: ResultCache | undefined;
  /** Bumped by every statement that may write, so cached results never outlive a change. */
  private writeEpoch = 0;
  private stageCounter = 0;
  private closed = false;
  /** Registrations touch shared names, so they run one at a time. */
  private registration: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: SqlBackend,
    private readonly env: EngineEnvironment,
    options: DuckDbEngineOptions = {},
  ) {
    this.kind = backend.kind;
    this.cache = options.cache === false ? undefined : new ResultCache(options.cache);
  }

  version(): Promise<string> {
    this.assertOpen();
    return this.backend.version();
  }

  // ── Sources ────────────────────────────────────────────────────────────────────────────────

  register(input: SourceInput): Promise<TableInfo[]> {
    const run = this.registration.then(() => this.registerNow(input));
    this.registration = run.catch(() => undefined);
    return run;
  }

  private async registerNow(input: SourceInput): Promise<TableInfo[]> {
    this.assertOpen();
    const name = input.name || input.path || 'data';
    const { head, size, fingerprint } = await this.inspect(input, name);
    if (size === 0)
      throw new SourceFormatError(name, `"${name}" is empty (0 bytes): there is nothing to import.`);
    const format = input.format ?? detectFormat(name, head);
    if (format === undefined) {
      throw new SourceFormatError(
        name,
        `Cannot tell what kind of file "${name}" is. Facet reads CSV, TSV, Parquet, JSON, NDJSON, Excel (.xlsx), Arrow (.arrow) and SQLite files.`,
      );
    }
    const base = input.tableName ? sanitizeIdentifier(input.tableName) : tableNameForFile(name);
    const parts = await this.planParts(input, name, format, base, head);
    const fp = fingerprintStrings([fingerprint, format, input.sheet ?? '', JSON.stringify(input.csv ?? {})]);
    const staged: { stage: string; part: StagedPart }[] = [];
    try {
      for (const part of parts) {
        const stage = `${STAGE_PREFIX}${++this.stageCounter}`;
        staged.push({ stage, part });
        await part.load(stage);
        const [count] = await this.rows(`SELECT count(*) AS n FROM ${quoteIdent(stage)}`);
        if (count === undefined) throw new Error('the table could not be read back');
      }
    } catch (error) {
      await this.dropQuietly(staged.map((s) => s.stage));
      throw sourceError(name, format, error, await this.csvHints(input, format, head, error));
    }
    await this.promote(staged.map(({ stage, part }) => ({ stage, table: part.table })));
    // Compress the new data now, as part of the import: otherwise DuckDB's automatic checkpoint
    // lands on some later query and stalls it (seconds on 10M rows).
    await this.backend.run('CHECKPOINT', []).catch(() => undefined);
    // A workbook with several sheets is also reachable by the file's name (its first sheet).
    const alias = format === 'xlsx' && parts.length > 1 && parts[0] ? parts[0].table : undefined;
    if (alias !== undefined) await this.createAliasView(base, alias);
    for (const { part } of staged) {
      this.sources.set(part.table, {
        source: name,
        format,
        part: part.part,
        fingerprint: `${fp}:${part.table}`,
      });
    }
    if (alias !== undefined)
      this.sources.set(base, { source: name, format, part: parts[0]?.part, fingerprint: `${fp}:${base}` });
    this.writeEpoch++;
    const names = new Set([...(alias !== undefined ? [base] : []), ...parts.map((p) => p.table)]);
    return (await this.tables()).filter((t) => names.has(t.name));
  }

  private async inspect(
    input: SourceInput,
    name: string,
  ): Promise<{ head: Uint8Array; size: number; fingerprint: string }> {
    if (input.bytes) {
      return {
        head: input.bytes.subarray(0, 4096),
        size: input.bytes.length,
        fingerprint: fingerprintBytes(input.bytes),
      };
    }
    if (input.path === undefined)
      throw new InvalidArgumentError(`No path or bytes were given for "${name}".`);
    const files = this.requireFiles();
    const stat = await files.stat(input.path);
    const head = stat.size === 0 ? new Uint8Array() : await files.readHead(input.path, 4096);
    return { head, size: stat.size, fingerprint: `${stat.size}-${stat.mtimeMs}-${fingerprintBytes(head)}` };
  }

  private async bytesOf(input: SourceInput): Promise<Uint8Array> {
    if (input.bytes) return input.bytes;
    return this.requireFiles().readAll(input.path as string);
  }

  /** Decides which tables a source becomes and how each is loaded. */
  private async planParts(
    input: SourceInput,
    name: string,
    format: SourceFormat,
    base: string,
    head: Uint8Array,
  ): Promise<StagedPart[]> {
    const b = this.backend;
    if (b.readsNatively(format)) {
      const load = async (stage: string): Promise<void> => {
        const bytes = input.bytes ?? (b.readsPaths ? undefined : await this.bytesOf(input));
        const path = bytes === undefined ? input.path : undefined;
        try {
          await b.createTableFromFile(stage, { name, path, bytes, format, csv: input.csv });
        } catch (error) {
          // Long cells (JSON blobs, free text) exceed DuckDB's 2 MB line limit; a bigger limit costs
          // import speed on every file, so it is only used for files that need it.
          if (!/Maximum line size/i.test(String(error)) || input.csv?.maxLineSize !== undefined) throw error;
          await b.run(`DROP TABLE IF EXISTS ${quoteIdent(stage)}`, []);
          await b.createTableFromFile(stage, {
            name,
            path,
            bytes,
            format,
            csv: { ...input.csv, maxLineSize: LONG_LINES },
          });
        }
        // DuckDB's sniffer falls back to a single column when rows disagree on their field count
        // (a ragged file). When the header clearly uses a delimiter, read again with it so the
        // bad row is reported instead of silently importing one text column.
        const delimiter =
          (format === 'csv' || format === 'tsv') && !input.csv?.delimiter ? headerDelimiter(head) : undefined;
        if (delimiter !== undefined && (await this.columnCount(stage)) === 1) {
          await b.run(`DROP TABLE ${quoteIdent(stage)}`, []);
          await b.createTableFromFile(stage, { name, path, bytes, format, csv: { ...input.csv, delimiter } });
        }
      };
      return [{ table: base, load }];
    }
    const fromArrow = (table: string, data: Table, part?: string): StagedPart => ({
      table,
      part,
      load: (stage) => b.createTableFromArrow(stage, data),
    });
    try {
      switch (format) {
        case 'parquet':
          return [fromArrow(base, await readParquet(await this.bytesOf(input)))];
        case 'arrow':
          return [fromArrow(base, readArrowIpc(await this.bytesOf(input)))];
        case 'json':
        case 'ndjson':
          return [fromArrow(base, readJson(await this.bytesOf(input), format))];
        case 'xlsx': {
          const sheets = readXlsx(await this.bytesOf(input), { sheet: input.sheet });
          if (sheets.length === 1 && sheets[0]) return [fromArrow(base, sheets[0].table, sheets[0].name)];
          return sheets.map((s) => fromArrow(`${base}_${sanitizeIdentifier(s.name)}`, s.table, s.name));
        }
        case 'sqlite': {
          const tables = await this.env.readSqlite({ name, path: input.path, bytes: input.bytes });
          if (tables.length === 0) throw new Error('the database has no tables');
          if (tables.length === 1 && tables[0]) return [fromArrow(base, tables[0].table, tables[0].name)];
          return tables.map((t) => fromArrow(`${base}_${sanitizeIdentifier(t.name)}`, t.table, t.name));
        }
        default:
          throw new Error(`no reader for ${format} in this runtime`);
      }
    } catch (error) {
      throw sourceError(name, format, error);
    }
  }

  /** Swaps staged tables in under their final names in one transaction. */
  private async promote(staged: { stage: string; table: string }[]): Promise<void> {
    const kinds = await this.objectKinds(staged.map((s) => s.table));
    const statements = ['BEGIN TRANSACTION'];
    for (const { stage, table } of staged) {
      const kind = kinds.get(table);
      if (kind) statements.push(`DROP ${kind} ${quoteIdent(table)}`);
      statements.push(`ALTER TABLE ${quoteIdent(stage)} RENAME TO ${quoteIdent(table)}`);
    }
    statements.push('COMMIT');
    try {
      await this.backend.run(statements.join(';\n'), []);
    } catch (error) {
      await this.backend.run('ROLLBACK', []).catch(() => undefined);
      await this.dropQuietly(staged.map((s) => s.stage));
      throw sqlErrorFromDuckDb(error, '');
    }
  }

  private async createAliasView(name: string, target: string): Promise<void> {
    const kind = (await this.objectKinds([name])).get(name);
    const drop = kind ? `DROP ${kind} ${quoteIdent(name)};` : '';
    await this.backend.run(
      `${drop} CREATE VIEW ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(target)}`,
      [],
    );
  }

  /** For CSV files DuckDB could not parse, finds the first ragged row itself. */
  private async csvHints(
    input: SourceInput,
    format: SourceFormat,
    head: Uint8Array,
    error: unknown,
  ): Promise<SourceErrorHints> {
    if (format !== 'csv' && format !== 'tsv') return {};
    const message = error instanceof Error ? error.message : String(error);
    if (
      !/detect the CSV parsing dialect|Expected Number of Columns/i.test(message) ||
      /Line: \d+/.test(message)
    )
      return {};
    const delimiter = input.csv?.delimiter ?? (format === 'tsv' ? '\t' : headerDelimiter(head));
    if (delimiter === undefined) return {};
    const sample =
      input.bytes?.subarray(0, 8 << 20) ??
      (input.path ? await this.env.files?.readHead(input.path, 8 << 20) : undefined);
    const line = sample ? findRaggedLine(new TextDecoder().decode(sample), delimiter) : undefined;
    return line === undefined
      ? {}
      : { line, reason: 'a row has a different number of fields than the header' };
  }

  private async columnCount(table: string): Promise<number> {
    const rows = await this.rows(
      `SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = ${quoteString(table)}`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async objectKinds(names: string[]): Promise<Map<string, 'TABLE' | 'VIEW'>> {
    const list = names.map(quoteString).join(', ');
    const rows = await this.rows(
      `SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN (${list}) ` +
        `UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' AND view_name IN (${list})`,
    );
    return new Map(rows.map((r) => [String(r.name), r.kind as 'TABLE' | 'VIEW']));
  }

  private async dropQuietly(tables: string[]): Promise<void> {
    for (const table of tables) {
      await this.backend.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`, []).catch(() => undefined);
    }
  }

  async registerArrow(name: string, data: Table | Uint8Array): Promise<TableInfo> {
    if (data instanceof Uint8Array) {
      const [info] = await this.register({ name, tableName: name, bytes: data, format: 'arrow' });
      return info as TableInfo;
    }
    const run = this.registration.then(async () => {
      this.assertOpen();
      const table = sanitizeIdentifier(name);
      const stage = `${STAGE_PREFIX}${++this.stageCounter}`;
      try {
        await this.backend.createTableFromArrow(stage, data);
      } catch (error) {
        await this.dropQuietly([stage]);
        throw sourceError(name, 'arrow', error);
      }
      await this.promote([{ stage, table }]);
      this.sources.set(table, { source: name, format: 'arrow', fingerprint: `arrow:${++this.stageCounter}` });
      this.writeEpoch++;
      return (await this.tables()).find((t) => t.name === table) as TableInfo;
    });
    this.registration = run.catch(() => undefined);
    return run;
  }

  async drop(name: string): Promise<void> {
    this.assertOpen();
    const kind = (await this.objectKinds([name])).get(name);
    if (!kind) throw new InvalidArgumentError(`There is no table named "${name}".`);
    await this.backend.run(`DROP ${kind} ${quoteIdent(name)}`, []);
    this.sources.delete(name);
    this.writeEpoch++;
  }

  // ── Catalog and profiles ──────────────────────────────────────────────────────────────────

  async tables(): Promise<TableInfo[]> {
    this.assertOpen();
    const columns = await this.rows(
      `SELECT c.table_name AS t, c.column_name AS c, c.data_type AS type, c.is_nullable AS nullable FROM duckdb_columns() c ` +
        `WHERE c.schema_name = 'main' AND NOT c.internal AND c.table_name NOT LIKE '${STAGE_PREFIX}%' ` +
        `AND c.database_name = current_database() ORDER BY c.table_name, c.column_index`,
    );
    const byTable = new Map<string, ColumnInfo[]>();
    for (const row of columns) {
      const list = byTable.get(String(row.t)) ?? [];
      list.push({ name: String(row.c), type: String(row.type), nullable: Boolean(row.nullable) });
      byTable.set(String(row.t), list);
    }
    const names = [...byTable.keys()];
    const counts = new Map<string, number>();
    if (names.length > 0) {
      const countRows = await this.rows(
        names
          .map((n) => `SELECT ${quoteString(n)} AS t, count(*) AS n FROM ${quoteIdent(n)}`)
          .join(' UNION ALL '),
      );
      for (const row of countRows) counts.set(String(row.t), Number(row.n));
    }
    return names.map((name) => {
      const src = this.sources.get(name);
      return {
        name,
        ...(src
          ? { source: src.source, format: src.format, ...(src.part !== undefined ? { part: src.part } : {}) }
          : {}),
        columns: byTable.get(name) ?? [],
        rowCount: counts.get(name) ?? 0,
        fingerprint: src?.fingerprint ?? `sql:${this.writeEpoch}`,
      };
    });
  }

  async profile(table: string, options: ProfileOptions = {}): Promise<TableProfile> {
    this.assertOpen();
    const started = now();
    const info = (await this.tables()).find((t) => t.name === table);
    if (!info) throw new InvalidArgumentError(`There is no table named "${table}".`);
    const run = async (sql: string): Promise<Record<string, unknown>[]> =>
      tableToRows((await this.query(sql, { signal: options.signal, cache: false })).table);
    const result = await profileColumns(run, table, info.columns, {
      bins: Math.max(1, Math.min(options.bins ?? 20, 1000)),
      approximateQuantiles: info.rowCount > 1_000_000,
      topValues: Math.max(1, Math.min(options.topValues ?? 10, 1000)),
    });
    return { table, rowCount: result.rowCount, columns: result.columns, elapsedMs: now() - started };
  }

  // ── Queries ───────────────────────────────────────────────────────────────────────────────

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    this.assertOpen();
    if (typeof sql !== 'string' || isBlankSql(sql)) throw new InvalidArgumentError('The query is empty.');
    const started = now();
    const bound = bindNamedParams(sql, options.params);
    const key = options.cache === false ? undefined : this.cacheKey(sql, bound.values);
    const hit = key !== undefined ? this.cache?.get(key) : undefined;
    if (hit) {
      return {
        table: hit.table,
        columns: hit.columns,
        rowCount: hit.table.numRows,
        elapsedMs: now() - started,
        cached: true,
      };
    }
    const epoch = this.writeEpoch;
    const result = await this.cancellable(sql, options, (signal) =>
      this.backend.run(bound.sql, bound.values, signal),
    ).finally(() => {
      if (!isReadOnly(sql)) this.afterWrite();
    });
    result.table = withUniqueNames(result.table);
    const columns = columnsOf(result);
    if (key !== undefined && epoch === this.writeEpoch)
      this.cache?.set(key, { table: result.table, columns });
    return {
      table: result.table,
      columns,
      rowCount: result.table.numRows,
      elapsedMs: now() - started,
      cached: false,
    };
  }

  async *stream(sql: string, options: QueryOptions = {}): AsyncGenerator<RecordBatch> {
    this.assertOpen();
    if (isBlankSql(sql)) throw new InvalidArgumentError('The query is empty.');
    const bound = bindNamedParams(sql, options.params);
    const { controller, dispose, translate } = this.startRun(sql, options);
    try {
      for await (const batch of this.backend.stream(bound.sql, bound.values, controller.signal)) {
        if (controller.signal.aborted) break;
        yield batch;
      }
      if (controller.signal.aborted) throw translate(new Error('aborted'));
    } catch (error) {
      throw translate(error);
    } finally {
      if (!controller.signal.aborted) controller.abort();
      dispose();
      if (!isReadOnly(sql)) this.afterWrite();
    }
  }

  async page(sql: string, options: PageOptions): Promise<QueryPage> {
    const { offset, limit } = options;
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
      throw new InvalidArgumentError('Page offset and limit must be whole numbers, 0 or more.');
    }
    const inner = stripTrailingSemicolons(sql);
    if (splitStatements(inner).length !== 1)
      throw new InvalidArgumentError('Paging needs exactly one SELECT statement.');
    const result = await this.query(
      `SELECT * FROM (\n${inner}\n) AS __facet_page LIMIT ${limit} OFFSET ${offset}`,
      options,
    );
    let totalRows: number | undefined;
    if (options.withTotal) {
      const total = await this.query(`SELECT count(*) AS n FROM (\n${inner}\n) AS __facet_page`, options);
      totalRows = Number(tableToRows(total.table)[0]?.n ?? 0);
    }
    return { ...result, offset, ...(totalRows !== undefined ? { totalRows } : {}) };
  }

  async explain(
    sql: string,
    options: { analyze?: boolean; params?: QueryOptions['params'] } = {},
  ): Promise<string> {
    const inner = stripTrailingSemicolons(sql);
    const result = await this.query(`EXPLAIN ${options.analyze ? 'ANALYZE ' : ''}${inner}`, {
      params: options.params,
      cache: false,
    });
    return tableToRows(result.table)
      .map((row) => String(row.explain_value ?? Object.values(row).at(-1) ?? ''))
      .join('\n');
  }

  async validate(sql: string): Promise<ValidationResult> {
    this.assertOpen();
    if (isBlankSql(sql)) return { ok: false, kind: 'Parser', message: 'The query is empty.' };
    for (const statement of splitStatements(sql)) {
      try {
        await this.backend.prepare(statement.text);
      } catch (error) {
        const local = sqlErrorFromDuckDb(error, statement.text);
        if (!(local instanceof SqlError)) throw local;
        const position = local.position !== undefined ? statement.start + local.position : undefined;
        const where = position !== undefined ? lineAndColumn(sql, position) : undefined;
        const message = local.message.replace(
          / \(line \d+, column \d+\)/,
          where ? ` (line ${where.line}, column ${where.column})` : '',
        );
        return { ok: false, kind: local.kind, message, ...(where ? { ...where, position } : {}) };
      }
    }
    return { ok: true };
  }

  cancelAll(): void {
    for (const controller of this.running) controller.abort(new CancelledError());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.cancelAll();
    this.closed = true;
    this.cache?.clear();
    await this.backend.close();
  }

  /** Cache statistics (for tests and diagnostics). */
  cacheStats(): { entries: number; hits: number; misses: number } {
    return { entries: this.cache?.size ?? 0, hits: this.cache?.hits ?? 0, misses: this.cache?.misses ?? 0 };
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────────

  private afterWrite(): void {
    this.writeEpoch++;
    this.cache?.clear();
  }

  /** Runs `work` with the caller's signal and timeout wired to an abort, translating errors. */
  private async cancellable<T>(
    sql: string,
    options: QueryOptions,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { controller, dispose, translate } = this.startRun(sql, options);
    try {
      return await work(controller.signal);
    } catch (error) {
      throw translate(error);
    } finally {
      dispose();
    }
  }

  private startRun(
    sql: string,
    options: QueryOptions,
  ): { controller: AbortController; dispose: () => void; translate: (error: unknown) => FacetError } {
    if (options.signal?.aborted) throw new CancelledError();
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort(new CancelledError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = options.timeoutMs;
    if (timeoutMs !== undefined && (!Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
      throw new InvalidArgumentError('The timeout must be a positive number of milliseconds.');
    }
    const timer =
      timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new TimeoutError(timeoutMs));
          }, timeoutMs)
        : undefined;
    this.running.add(controller);
    const dispose = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      this.running.delete(controller);
    };
    const translate = (error: unknown): FacetError => {
      if (timedOut) return new TimeoutError(timeoutMs as number);
      if (controller.signal.aborted) return new CancelledError();
      if (error instanceof FacetError) return error;
      return sqlErrorFromDuckDb(error, sql);
    };
    return { controller, dispose, translate };
  }

  private cacheKey(sql: string, values: readonly ParamValue[]): string | undefined {
    if (!this.cache || !isReadOnly(sql)) return undefined;
    const names = referencedNames(sql);
    for (const name of names) if (VOLATILE.has(name)) return undefined;
    const fingerprints = [...names]
      .filter((n) => this.sources.has(n))
      .sort()
      .map((n) => `${n}=${this.sources.get(n)?.fingerprint}`);
    const params = JSON.stringify(values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return `${this.writeEpoch}\u0000${sql}\u0000${params}\u0000${fingerprints.join(',')}`;
  }

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    return tableToRows((await this.backend.run(sql, [])).table);
  }

  private requireFiles(): NonNullable<EngineEnvironment['files']> {
    if (!this.env.files)
      throw new InvalidArgumentError('This runtime cannot open files by path; pass the file bytes.');
    return this.env.files;
  }

  private assertOpen(): void {
    if (this.closed) throw new EngineClosedError();
  }
}

function isReadOnly(sql: string): boolean {
  const keywords = statementKeywords(sql);
  return keywords.length > 0 && keywords.every((k) => READ_ONLY.has(k));
}

/** The delimiter a CSV header line uses, if it has exactly one kind of the usual ones. */
function headerDelimiter(head: Uint8Array): string | undefined {
  const firstLine = new TextDecoder().decode(head).split(/\r?\n/, 1)[0] ?? '';
  const found = [',', '\t', ';', '|'].filter((d) => firstLine.includes(d));
  return found.length === 1 ? found[0] : undefined;
}

function stripTrailingSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

function columnsOf(result: BackendResult): ColumnInfo[] {
  return result.table.schema.fields.map((field, i) => ({
    name: field.name,
    type: result.duckdbTypes?.[i] ?? duckdbTypeForArrow(field.type),
    nullable: field.nullable,
  }));
}

/** Renames repeated column names `a, a` to `a, a_1` (DuckDB's convention in subqueries), so no value is hidden. */
function withUniqueNames(table: Table): Table {
  const names = table.schema.fields.map((f) => f.name);
  if (new Set(names).size === names.length) return table;
  const seen = new Map<string, number>();
  const fields = table.schema.fields.map((field) => {
    const count = (seen.get(field.name) ?? 0) + 1;
    seen.set(field.name, count);
    return count === 1 ? field : field.clone({ name: `${field.name}_${count - 1}` });
  });
  const schema = new Schema(fields, table.schema.metadata);
  return new Table(
    schema,
    table.batches.map((batch) => new RecordBatch(schema, batch.data)),
  );
}

function readArrowIpc(bytes: Uint8Array): Table {
  try {
    return tableFromIPC(bytes);
  } catch (error) {
    throw new Error(`not a valid Arrow IPC file (${error instanceof Error ? error.message : String(error)})`);
  }
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
