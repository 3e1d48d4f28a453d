/**
 * Runs a canvas's SQL blocks in the host: the block's SQL with every block it reads compiled in as
 * CTEs and its controls bound as parameters. Results are kept in the project's result store (keyed
 * by the compiled SQL, the parameters and the content hashes of the data read), and every run goes
 * into the query history.
 */
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import {
  type CanvasDoc,
  canvasControls,
  canvasGraph,
  type ColumnInfo,
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
import type { Records } from '../store/records.ts';
import { ResultStore } from '../store/result-store.ts';
import type { SourceStore } from '../store/sources.ts';

export interface BlockResult {
  block: string;
  /** The SQL that ran (the block with what it reads as CTEs). */
  sql: string;
  /** The result as Arrow IPC stream bytes. */
  ipc: Uint8Array;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  cached: boolean;
}

export class BlockRuns {
  constructor(
    private readonly engine: () => Promise<Engine>,
    private readonly results: ResultStore,
    private readonly records: Records,
    private readonly sources: SourceStore,
  ) {}

  /** Runs the SQL block named `name` (and what it reads); serves a stored result when one matches. */
  async run(
    canvasId: string,
    canvas: CanvasDoc,
    name: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<BlockResult> {
    const { sql, params, key } = this.plan(canvas, name);
    const stored = this.results.get(key);
    if (stored) {
      const table = tableFromIPC(stored.ipc);
      return {
        block: name,
        sql,
        ipc: stored.ipc,
        columns: table.schema.fields.map((f) => ({
          name: f.name,
          type: duckdbTypeForArrow(f.type),
          nullable: f.nullable,
        })),
        rowCount: stored.rowCount,
        elapsedMs: 0,
        cached: true,
      };
    }
    const startedAt = Date.now();
    const engine = await this.engine();
    try {
      const result = await engine.query(sql, {
        params,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const ipc = tableToIPC(result.table, 'stream');
      this.results.put(key, sql, ipc, result.rowCount);
      this.records.recordQuery({
        canvasId,
        block: name,
        sql,
        startedAt,
        durationMs: result.elapsedMs,
        rowCount: result.rowCount,
        error: null,
      });
      return {
        block: name,
        sql,
        ipc,
        columns: result.columns,
        rowCount: result.rowCount,
        elapsedMs: result.elapsedMs,
        cached: false,
      };
    } catch (error) {
      const message = toFacetError(error).message;
      this.records.recordQuery({
        canvasId,
        block: name,
        sql,
        startedAt,
        durationMs: Date.now() - startedAt,
        rowCount: null,
        error: message,
      });
      throw error;
    }
  }

  /**
   * Runs SQL that reads the canvas's blocks by name (a chart's aggregate, say), compiled like a block
   * of its own: what it reads becomes CTEs and controls are bound. Results are stored like a block's
   * (so a chart redraws from the store), but an ad-hoc query is not a block run: no history entry.
   */
  async query(
    canvas: CanvasDoc,
    sql: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Omit<BlockResult, 'block'>> {
    const blocks = canvas.blocks().flatMap((b) => (b.type === 'sql' && b.name.trim() ? [b] : []));
    const taken = new Set(blocks.map((b) => b.name.toLowerCase()));
    let name = '__query';
    while (taken.has(name)) name += '_';
    const graph = new DependencyGraph([...blocks.map((b) => ({ name: b.name, sql: b.sql })), { name, sql }]);
    const compiled = graph.compile(name);
    const values = canvasControls(canvas);
    const params = Object.fromEntries(compiled.controls.map((c) => [c, values[c] ?? null]));
    const sources = this.sources.list();
    const read = new Set(
      graph.sources(
        name,
        sources.map((s) => s.table),
      ),
    );
    const hashes = sources.filter((s) => read.has(s.table.toLowerCase())).map((s) => s.dataFile);
    const key = ResultStore.key(compiled.sql, params, hashes);
    const stored = this.results.get(key);
    if (stored) {
      const table = tableFromIPC(stored.ipc);
      const columns = table.schema.fields.map((f) => ({
        name: f.name,
        type: duckdbTypeForArrow(f.type),
        nullable: f.nullable,
      }));
      return {
        sql: compiled.sql,
        ipc: stored.ipc,
        columns,
        rowCount: stored.rowCount,
        elapsedMs: 0,
        cached: true,
      };
    }
    const engine = await this.engine();
    const result = await engine.query(compiled.sql, {
      params,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const ipc = tableToIPC(result.table, 'stream');
    this.results.put(key, compiled.sql, ipc, result.rowCount);
    return {
      sql: compiled.sql,
      ipc,
      columns: result.columns,
      rowCount: result.rowCount,
      elapsedMs: result.elapsedMs,
      cached: false,
    };
  }

  /** Which numbers changed in a block's result between two states of the canvas, if both are stored. */
  compare(before: CanvasDoc, after: CanvasDoc, name: string): ResultChanges | undefined {
    return this.compareAll(before, after, [name]).get(name);
  }

  /**
   * The same for many blocks at once: each state's graph, controls and sources are read once,
   * not once per block. Blocks that do not compile on a side, or lack a stored result, are left out.
   */
  compareAll(before: CanvasDoc, after: CanvasDoc, names: readonly string[]): Map<string, ResultChanges> {
    const planBefore = this.planner(before);
    const planAfter = this.planner(after);
    const out = new Map<string, ResultChanges>();
    for (const name of names) {
      let a;
      let b;
      try {
        a = this.results.get(planBefore(name).key);
        b = this.results.get(planAfter(name).key);
      } catch {
        continue; // the block does not compile on one side
      }
      if (a && b)
        out.set(name, compareRows(tableToRows(tableFromIPC(a.ipc)), tableToRows(tableFromIPC(b.ipc))));
    }
    return out;
  }

  /** The SQL, parameters and result key of a block in a given state of the canvas. */
  private plan(canvas: CanvasDoc, name: string): Plan {
    return this.planner(canvas)(name);
  }

  /** Plans blocks of one state of the canvas, reading its graph, controls and sources once. */
  private planner(canvas: CanvasDoc): (name: string) => Plan {
    const graph = canvasGraph(canvas);
    const names = new Set(canvas.blocks().flatMap((b) => (b.type === 'sql' ? [b.name.toLowerCase()] : [])));
    const values = canvasControls(canvas);
    const sources = this.sources.list();
    const tables = sources.map((s) => s.table);
    return (name) => {
      if (!names.has(name.toLowerCase()))
        throw new InvalidArgumentError(`There is no SQL block named "${name}".`);
      const { sql, controls } = graph.compile(name);
      const params = Object.fromEntries(controls.map((c) => [c, values[c] ?? null]));
      const read = new Set(graph.sources(name, tables));
      const hashes = sources.filter((s) => read.has(s.table.toLowerCase())).map((s) => s.dataFile);
      return { sql, params, key: ResultStore.key(sql, params, hashes) };
    };
  }
}

interface Plan {
  sql: string;
  params: Record<string, ParamValue>;
  key: string;
}
