/**
 * Shortcuts the tour offers at each step, for people without a file at hand: the sample data, an
 * example query over whatever table there is. They do what the person would do by hand.
 */
import { type CanvasDoc, SAMPLE_TABLE } from '@facet/engine/common';
import type { TourAction, TourStep } from '@facet/ui';
import type { HostApi } from '../../shared/host-api.ts';

export interface TourContext {
  api: HostApi;
  canvas: CanvasDoc;
  newSqlBlock: (sql: string) => string;
  imported: (tables: { table: string; rowCount: number }[]) => void;
  fail: (error: unknown) => void;
}

export function tourAction(step: TourStep['id'], context: TourContext): { action?: TourAction } {
  const { api, fail } = context;
  if (step === 'import')
    return {
      action: {
        label: 'Use sample data',
        run: () => void api.sources.importSample().then(context.imported, fail),
      },
    };
  if (step === 'query')
    return {
      action: {
        label: 'Insert an example query',
        run: () => void exampleQuery(api).then((sql) => context.newSqlBlock(sql), fail),
      },
    };
  return {};
}

/** A first query over the sample table when it is there, else over the first table imported. */
export async function exampleQuery(api: HostApi): Promise<string> {
  const sources = await api.sources.list();
  if (sources.some((s) => s.table === SAMPLE_TABLE))
    return 'SELECT weather, count(*) AS days\nFROM seattle_weather\nGROUP BY weather\nORDER BY days DESC';
  const first = sources[0];
  if (!first)
    throw new Error('Import a file first (or use the sample data): there is no table to query yet.');
  return `SELECT *\nFROM "${first.table.replaceAll('"', '""')}"\nLIMIT 100`;
}
