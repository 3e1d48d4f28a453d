/**
 * Chart specs: what a chart block stores (type and encodings), how a spec is read back from the
 * document, and the default a fresh result gets. The spec stays small and JSON so it lives in the
 * canvas document and diffs cleanly; its vocabulary is in chart-types.ts.
 */
import type { ChartSpec } from './chart-types.ts';

export { CHART_TYPES, type ChartColumn, type ChartSpec, type ChartType } from './chart-types.ts';
export { readChartSpec } from './read-chart-spec.ts';
export { recommendChart } from './recommend-charts.ts';

/** A one-line description of a chart, for its accessible name ("Chart: bar of total by region"). */
export function describeChart(spec: ChartSpec): string {
  const agg = spec.aggregate && spec.aggregate !== 'none' ? spec.aggregate : undefined;
  const values = [...spec.y, ...(spec.y2 ?? [])].map((y) => (agg ? `${agg}(${y})` : y));
  const what = values.length > 0 ? values.join(', ') : spec.type === 'histogram' ? spec.x : 'count';
  const by = spec.x && spec.type !== 'histogram' ? ` by ${spec.x}` : '';
  const split = spec.color ? ` and ${spec.color}` : '';
  const facet = spec.facet ? `, per ${spec.facet}` : '';
  return `${spec.title ? `${spec.title}, ` : ''}${spec.type} of ${what}${by}${split}${facet}`;
}
