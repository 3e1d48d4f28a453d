/**
 * The data behind a chart block: the source block's columns (for the settings panel and type
 * switches), then the chart's own query (aggregated, binned, sampled in the engine) run through
 * `queryCanvas`. A newer spec cancels the query of the older one.
 */
import type { Table } from 'apache-arrow';
import { useEffect, useState } from 'react';
import {
  type ChartColumn,
  chartQuery,
  type ChartQuery,
  type ChartSpec,
  duckdbTypeForArrow,
  quoteIdent,
  readChartSpec,
} from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';

export type ChartResult =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'done';
      spec: ChartSpec;
      table: Table;
      truncated: boolean;
      /** Rows past the cap were sampled (not cut at the first `maxRows`). */
      sampled: boolean;
      maxRows: number;
      elapsedMs: number;
    };

/** Columns of a canvas block's result (fetched without its rows). */
export function useSourceColumns(services: CanvasServices, source: string): ChartColumn[] | undefined {
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
  }, [services, source]);
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
  const [result, setResult] = useState<ChartResult>({ status: 'loading' });
  const columnsKey = JSON.stringify(columns ?? null);
  useEffect(() => {
    const spec: ChartSpec | undefined = readChartSpec(JSON.parse(specKey));
    const known = JSON.parse(columnsKey) as ChartColumn[] | null;
    if (!spec || known === null) return undefined;
    let query: ChartQuery;
    try {
      query = chartQuery(spec, source, known.length > 0 ? { columns: known } : {});
    } catch (error) {
      setResult({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    const abort = new AbortController();
    setResult((previous) => (previous.status === 'done' ? previous : { status: 'loading' }));
    runChartQuery(services, query, abort.signal).then(
      (run) => {
        // The spec travels with its rows: until a new spec's rows arrive, the old picture stays whole.
        if (!abort.signal.aborted) setResult({ status: 'done', spec, ...run });
      },
      (error: unknown) =>
        !abort.signal.aborted &&
        setResult({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => abort.abort();
  }, [services, source, specKey, columnsKey]);
  return result;
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
): Promise<{ table: Table; truncated: boolean; sampled: boolean; maxRows: number; elapsedMs: number }> {
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
