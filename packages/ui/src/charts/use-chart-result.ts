/**
 * The data behind a chart block: the source block's columns (for the settings panel and type
 * switches), then the chart's own query (aggregated, binned, sampled in the engine) run through
 * `queryCanvas`. A newer spec cancels the query of the older one; a change to the SQL the source
 * reads (its block, the blocks upstream, control values) runs them again.
 */
import { useDebouncedValue } from '@mantine/hooks';
import type { Table } from 'apache-arrow';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type CanvasDoc,
  canvasControls,
  canvasGraph,
  type ChartColumn,
  chartQuery,
  type ChartQuery,
  type ChartSpec,
  duckdbTypeForArrow,
  quoteIdent,
  readChartSpec,
} from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';

export interface ChartRows {
  spec: ChartSpec;
  table: Table;
  truncated: boolean;
  /** Rows past the cap were sampled (not cut at the first `maxRows`). */
  sampled: boolean;
  maxRows: number;
  elapsedMs: number;
}

export type ChartResult =
  | { status: 'loading'; last?: ChartRows }
  /** `last`: the picture before the failure, still worth showing under the error. */
  | { status: 'error'; message: string; last?: ChartRows }
  | ({ status: 'done' } & ChartRows);

/**
 * What the source block's result depends on: its SQL with everything upstream, and control
 * values. Settles after a pause, so typing in an upstream block does not run the chart per key.
 */
export function useSourceVersion(canvas: CanvasDoc, source: string): string {
  let version: string;
  try {
    const { sql, controls } = canvasGraph(canvas).compile(source);
    const values = canvasControls(canvas);
    version = JSON.stringify([sql, controls.map((c) => values[c] ?? null)]);
  } catch {
    version = ''; // not compilable now: the chart's own query will say why
  }
  return useDebouncedValue(version, 600)[0];
}

/** Columns of a canvas block's result (fetched without its rows). */
export function useSourceColumns(
  services: CanvasServices,
  source: string,
  version: string,
): ChartColumn[] | undefined {
  const [columns, setColumns] = useState<ChartColumn[] | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    services.queryCanvas(`SELECT * FROM ${quoteIdent(source)} LIMIT 0`, abort.signal).then(
      (run) =>
        !abort.signal.aborted &&
        setColumns(run.table.schema.fields.map((f) => ({ name: f.name, type: duckdbTypeForArrow(f.type) }))),
      // Without columns the chart still draws; its own query reports what went wrong.
      () => !abort.signal.aborted && setColumns([]),
    );
    return () => abort.abort();
  }, [services, source, version]);
  return columns;
}

/**
 * Runs the chart query of the spec whose JSON is `specKey` (the spec object is rebuilt on every
 * read of the document; its JSON is what matters).
 */
export function useChartResult(
  services: CanvasServices,
  source: string,
  specKey: string,
  columns: readonly ChartColumn[] | undefined,
): ChartResult {
  const [result, setResult] = useState<ChartResult & { sql?: string }>({ status: 'loading' });
  const spec = useMemo(() => readChartSpec(JSON.parse(specKey)), [specKey]);
  // Settings that change only the picture (title, colors, labels, axes) keep the query: its rows
  // are drawn again with the new spec, without asking the engine.
  const planned = useMemo((): { query: ChartQuery } | { error: string } | undefined => {
    if (!spec || !columns) return undefined;
    try {
      return { query: chartQuery(spec, source, columns.length > 0 ? { columns } : {}) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }, [spec, source, columns]);
  const queryKey = planned && 'query' in planned ? JSON.stringify(planned.query) : undefined;
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  useEffect(() => {
    const last = (previous: ChartResult): ChartRows | undefined =>
      previous.status === 'done' ? rowsOf(previous) : previous.last;
    if (!planned) return undefined;
    if ('error' in planned) {
      setResult((previous) => ({ status: 'error', message: planned.error, last: last(previous) }));
      return undefined;
    }
    const { query } = planned;
    const abort = new AbortController();
    setResult((previous) => ({ status: 'loading', last: last(previous) }));
    runChartQuery(services, query, abort.signal).then(
      (run) =>
        !abort.signal.aborted &&
        latestSpec.current &&
        setResult({ status: 'done', spec: latestSpec.current, sql: query.sql, ...run }),
      (error: unknown) =>
        !abort.signal.aborted &&
        setResult((previous) => ({ status: 'error', message: messageOf(error), last: last(previous) })),
    );
    return () => abort.abort();
    // New columns come with every change of the source (see useSourceColumns): the rows are re-read.
    // `planned` changes with every spec; `queryKey` only when the query does.
  }, [services, queryKey, columns]);
  // The spec travels with its rows: until a new query's rows arrive, the old picture stays whole;
  // with the same query, the rows in hand are the new spec's rows. Memoized: the chart is drawn
  // again only when the rows or the spec change, not on every render of its block.
  const sameQuery =
    result.status === 'done' && spec && planned && 'query' in planned && result.sql === planned.query.sql;
  const current = sameQuery ? spec : undefined;
  return useMemo(
    () => (result.status === 'done' && current ? { ...result, spec: current } : result),
    [result, current],
  );
}

function rowsOf(done: ChartRows): ChartRows {
  const { spec, table, truncated, sampled, maxRows, elapsedMs } = done;
  return { spec, table, truncated, sampled, maxRows, elapsedMs };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a chart's query (from chartQuery) and cuts the extra row it asks for: the table to hand
 * echartsOption. For drawing a chart anywhere else (reports, exports) without the hook:
 * `runChartQuery(services, chartQuery(spec, source))`.
 */
export async function runChartQuery(
  services: CanvasServices,
  query: ChartQuery,
  signal?: AbortSignal,
): Promise<Omit<ChartRows, 'spec'>> {
  const run = await services.queryCanvas(query.sql, signal);
  const truncated = run.table.numRows > query.maxRows;
  return {
    table: truncated ? run.table.slice(0, query.maxRows) : run.table,
    truncated,
    sampled: query.sampled,
    maxRows: query.maxRows,
    elapsedMs: run.elapsedMs,
  };
}
