/**
 * Runs a canvas's SQL blocks in the browser (the desktop's block-runs.ts): the block's SQL with
 * every block it reads compiled in as CTEs and its controls bound as parameters. Results are kept
 * in the project (IndexedDB, keyed by the compiled SQL, the parameters and the hashes of the files
 * read) so a reload shows them at once and version diffs can compare numbers; every run goes into
 * the query history.
 */
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import {
  type CanvasDoc,
  canvasControls,
  canvasGraph,
  compareRows,
  DependencyGraph,
  duckdbTypeForArrow,
  type Engine,
  InvalidArgumentError,
  type ParamValue,
  type ResultChanges,
  tableToRows,
  toFacetError,
} from '@facet/engine/common';
import type { QueryReply } from '../../shared/host-api.ts';
import { sha256 } from './blob-store.ts';
import { req, transact } from './idb.ts';
import type { Records } from './records.ts';
import type { SourceRecord } from './source-store.ts';

interface StoredResult {
  key: string;
  sql: string;
  ipc: Uint8Array;
  rowCount: number;
  bytes: number;
  usedAt: number;
}

interface Plan {
  sql: string;
  params: Record<string, ParamValue>;
  key: string;
}

/** Kept results past this many bytes are dropped, least recently used first. */
const RESULT_BUDGET = 128 * 1024 * 1024;

export class BlockRuns {
  constructor(
    private readonly db: IDBDatabase,
    private readonly engine: () => Promise<Engine>,
    private readonly records: Records,
    private readonly sources: () => Promise<SourceRecord[]>,
  ) {}

  /** Runs the SQL block named `name` (and what it reads); serves a kept result when one matches. */
  async run(
    canvasId: string,
    canvas: CanvasDoc,
    name: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<QueryReply & { sql: string }> {
    const plan = await (await this.planner(canvas))(name);
    return this.execute(plan, options.signal, (startedAt, durationMs, rowCount, error) =>
      this.records
        .recordQuery({ canvasId, block: name, sql: plan.sql, startedAt, durationMs, rowCount, error })
        .then(
          () => undefined,
          (e: unknown) => console.warn('[facet] query history not recorded', e),
        ),
    );
  }

  /**
   * Runs SQL that reads the canvas's blocks by name (a chart's aggregate, say), compiled like a
   * block of its own. Its result is kept like a block's; being no block run, it is not in the history.
   */
  async query(canvas: CanvasDoc, sql: string, options: { signal?: AbortSignal } = {}) {
    const blocks = canvas.blocks().flatMap((b) => (b.type === 'sql' && b.name.trim() ? [b] : []));
    const taken = new Set(blocks.map((b) => b.name.toLowerCase()));
    let name = '__query';
    while (taken.has(name)) name += '_';
    const graph = new DependencyGraph([...blocks.map((b) => ({ name: b.name, sql: b.sql })), { name, sql }]);
    const plan = await planBlock(graph, name, canvasControls(canvas), await this.sources());
    return this.execute(plan, options.signal);
  }

  /** A kept result for the plan, or a run of it (kept, and reported to `record`). */
  private async execute(
    { sql, params, key }: Plan,
    signal: AbortSignal | undefined,
    record?: (
      startedAt: number,
      durationMs: number,
      rowCount: number | null,
      error: string | null,
    ) => Promise<void>,
  ): Promise<QueryReply & { sql: string }> {
    const stored = await this.get(key);
    if (stored) {
      const columns = tableFromIPC(stored.ipc).schema.fields.map((f) => ({
        name: f.name,
        type: duckdbTypeForArrow(f.type),
        nullable: f.nullable,
      }));
      return { sql, ipc: stored.ipc, columns, rowCount: stored.rowCount, elapsedMs: 0, cached: true };
    }
    const startedAt = Date.now();
    const engine = await this.engine();
    try {
      const result = await engine.query(sql, { params, ...(signal ? { signal } : {}) });
      const ipc = tableToIPC(result.table, 'stream');
      await this.put({ key, sql, ipc, rowCount: result.rowCount, bytes: ipc.byteLength, usedAt: Date.now() });
      await record?.(startedAt, result.elapsedMs, result.rowCount, null);
      return {
        sql,
        ipc,
        columns: result.columns,
        rowCount: result.rowCount,
        elapsedMs: result.elapsedMs,
        cached: false,
      };
    } catch (error) {
      await record?.(startedAt, Date.now() - startedAt, null, toFacetError(error).message);
      throw error;
    }
  }

  /**
   * Which numbers changed in each named block's result between two states of a canvas. Blocks that
   * do not compile on a side, or lack a kept result, are left out.
   */
  async compareAll(
    before: CanvasDoc,
    after: CanvasDoc,
    names: readonly string[],
  ): Promise<Map<string, ResultChanges>> {
    const planBefore = await this.planner(before);
    const planAfter = await this.planner(after);
    const out = new Map<string, ResultChanges>();
    for (const name of names) {
      let a;
      let b;
      try {
        a = await this.get((await planBefore(name)).key);
        b = await this.get((await planAfter(name)).key);
      } catch {
        continue; // the block does not compile on one side
      }
      if (a && b)
        out.set(name, compareRows(tableToRows(tableFromIPC(a.ipc)), tableToRows(tableFromIPC(b.ipc))));
    }
    return out;
  }

  /** Plans blocks of one state of a canvas, reading its graph, controls and sources once. */
  private async planner(canvas: CanvasDoc): Promise<(name: string) => Promise<Plan>> {
    const graph = canvasGraph(canvas);
    const names = new Set(canvas.blocks().flatMap((b) => (b.type === 'sql' ? [b.name.toLowerCase()] : [])));
    const controls = canvasControls(canvas);
    const sources = await this.sources();
    return async (name) => {
      if (!names.has(String(name).toLowerCase()))
        throw new InvalidArgumentError(`There is no SQL block named "${name}".`);
      return planBlock(graph, name, controls, sources);
    };
  }

  private async get(key: string): Promise<StoredResult | undefined> {
    const row = await transact(this.db, 'results', 'readonly', (tx) =>
      req(tx.objectStore('results').get(key) as IDBRequest<StoredResult | undefined>),
    );
    // The last use is refreshed at most once a minute: each refresh rewrites the row.
    if (row && Date.now() - row.usedAt > 60_000) {
      void transact(this.db, 'results', 'readwrite', (tx) => {
        tx.objectStore('results').put({ ...row, usedAt: Date.now() });
      }).catch(() => undefined);
    }
    return row;
  }

  /**
   * Keeps a result (not one huge enough to evict everything), then drops the least recently used
   * ones past the budget. The running total is kept in `meta`, so only evicted rows are read.
   */
  private async put(result: StoredResult): Promise<void> {
    if (result.bytes > RESULT_BUDGET / 4) return;
    await transact(this.db, ['results', 'meta'], 'readwrite', async (tx) => {
      const store = tx.objectStore('results');
      const meta = tx.objectStore('meta');
      const old = await req(store.get(result.key) as IDBRequest<StoredResult | undefined>);
      let total = Number((await req(meta.get('resultBytes'))) ?? 0) + result.bytes - (old?.bytes ?? 0);
      store.put(result);
      if (total > RESULT_BUDGET) {
        await new Promise<void>((resolve, reject) => {
          const cursor = store.index('usedAt').openCursor();
          cursor.onerror = () => reject(cursor.error ?? new Error('eviction failed'));
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c || total <= RESULT_BUDGET) return resolve();
            const row = c.value as StoredResult;
            if (row.key !== result.key) {
              c.delete();
              total -= row.bytes;
            }
            c.continue();
          };
        });
      }
      meta.put(Math.max(0, total), 'resultBytes');
    }).catch((error: unknown) => console.warn('[facet] result not kept', error));
  }
}

/** A block's compiled SQL, its parameters and its result key (SQL, parameters, files read). */
async function planBlock(
  graph: DependencyGraph,
  name: string,
  controls: Readonly<Record<string, ParamValue>>,
  sources: readonly SourceRecord[],
): Promise<Plan> {
  const compiled = graph.compile(name);
  const params = Object.fromEntries(compiled.controls.map((c) => [c, controls[c] ?? null]));
  const read = new Set(
    graph.sources(
      name,
      sources.map((s) => s.table),
    ),
  );
  const hashes = sources.filter((s) => read.has(s.table.toLowerCase())).map((s) => `${s.blob}:${s.table}`);
  const key = await sha256(new TextEncoder().encode(JSON.stringify([compiled.sql, params, hashes.sort()])));
  return { sql: compiled.sql, params, key };
}
