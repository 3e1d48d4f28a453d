/**
 * The `Engine` built on any DuckDB runtime. Everything that must behave identically in the native
 * and WASM runtimes lives here: source registration (all-or-nothing), the catalog, profiling,
 * parameters, cancellation and timeouts, the result cache and error translation.
 *
 *   register(file) ──► SourceLoader (source-loader.ts): staging tables, renamed in one transaction
 *   query(sql) ──► bind $params ──► cache? ──► backend.run (abortable) ──► Arrow table
 */
import { RecordBatch, Schema, Table } from 'apache-arrow';
import { tableToRows } from '../arrow/to-js.ts';
import {
  CancelledError,
  EngineClosedError,
  FacetError,
  InvalidArgumentError,
  SqlError,
  TimeoutError,
} from '../errors.ts';
import type { SourceFormat } from '../sources/formats.ts';
import { sqlErrorFromDuckDb } from '../sql/duckdb-errors.ts';
import { quoteIdent, quoteString } from '../sql/identifiers.ts';
import { isBlankSql, lineAndColumn, referencedNames, splitStatements } from '../sql/lexer.ts';
import { bindNamedParams, type ParamValue } from '../sql/params.ts';
import { duckdbTypeForArrow } from './arrow-types.ts';
import type { BackendResult, SqlBackend } from './backend.ts';
import { profileColumns } from './profile.ts';
import { ResultCache, type ResultCacheOptions } from './result-cache.ts';
import { isCacheable, isReadOnly } from './cache-policy.ts';
import { type EngineEnvironment, SourceLoader, STAGE_PREFIX } from './source-loader.ts';
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

export interface DuckDbEngineOptions {
  cache?: ResultCacheOptions | false;
}

interface RegisteredSource {
  source: string;
  format: SourceFormat;
  part?: string;
  fingerprint: string;
}

export class DuckDbEngine implements Engine {
  readonly kind;
  private readonly sources = new Map<string, RegisteredSource>();
  private readonly running = new Set<AbortController>();
  private readonly cache: ResultCache | undefined;
  /** Bumped by every statement that may write, so cached results never outlive a change. */
  private writeEpoch = 0;
  private arrowCounter = 0;
  private readonly loader: SourceLoader;
  private closed = false;
  /** Registrations touch shared names, so they run one at a time. */
  private registration: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: SqlBackend,
    private readonly env: EngineEnvironment,
    options: DuckDbEngineOptions = {},
  ) {
    this.kind = backend.kind;
    this.loader = new SourceLoader(backend, env);
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
    const loaded = await this.loader.load(input);
    for (const { table, part } of loaded.tables) {
      this.sources.set(table, {
        source: loaded.name,
        format: loaded.format,
        part,
        fingerprint: `${loaded.fingerprint}:${table}`,
      });
    }
    this.writeEpoch++;
    const names = new Set(loaded.tables.map((t) => t.table));
    return this.catalog(names);
  }

  async registerArrow(name: string, data: Table | Uint8Array): Promise<TableInfo> {
    if (data instanceof Uint8Array) {
      const [info] = await this.register({ name, tableName: name, bytes: data, format: 'arrow' });
      return info as TableInfo;
    }
    const run = this.registration.then(async () => {
      this.assertOpen();
      const table = await this.loader.loadArrow(name, data);
      this.sources.set(table, { source: name, format: 'arrow', fingerprint: `arrow:${++this.arrowCounter}` });
      this.writeEpoch++;
      return (await this.catalog(new Set([table])))[0] as TableInfo;
    });
    this.registration = run.catch(() => undefined);
    return run;
  }

  async drop(name: string): Promise<void> {
    this.assertOpen();
    const kind = (await this.loader.objectKinds([name])).get(name);
    if (!kind) throw new InvalidArgumentError(`There is no table named "${name}".`);
    await this.backend.run(`DROP ${kind} ${quoteIdent(name)}`, []);
    this.sources.delete(name);
    this.writeEpoch++;
  }

  // ── Catalog and profiles ──────────────────────────────────────────────────────────────────

  async tables(): Promise<TableInfo[]> {
    this.assertOpen();
    return this.catalog();
  }

  /** Tables with columns and row counts; only `only` when given (each table is counted). */
  private async catalog(only?: ReadonlySet<string>): Promise<TableInfo[]> {
    const filter = only ? `AND c.table_name IN (${[...only].map(quoteString).join(', ') || "''"}) ` : '';
    const columns = await this.rows(
      `SELECT c.table_name AS t, c.column_name AS c, c.data_type AS type, c.is_nullable AS nullable FROM duckdb_columns() c ` +
        `WHERE c.schema_name = 'main' AND NOT c.internal AND c.table_name NOT LIKE '${STAGE_PREFIX}%' ${filter}` +
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
    const [info] = await this.catalog(new Set([table]));
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
    const readOnly = isReadOnly(sql);
    const key = options.cache === false || !readOnly ? undefined : this.cacheKey(sql, bound.values);
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
      if (!readOnly) this.afterWrite();
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

  /** The cache key of a read-only query, or undefined when it must not be cached. */
  private cacheKey(sql: string, values: readonly ParamValue[]): string | undefined {
    if (!this.cache) return undefined;
    const names = referencedNames(sql);
    if (!isCacheable(names)) return undefined;
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

  private assertOpen(): void {
    if (this.closed) throw new EngineClosedError();
  }
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

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
