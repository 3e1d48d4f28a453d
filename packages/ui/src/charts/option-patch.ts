/**
 * What to hand ECharts when a chart's option changes: a whole new option (`notMerge`), or, when
 * only decorations changed (the series object is the same, see echartsOption), just those, so
 * ECharts keeps the series it has already processed.
 */
import type { EChartsCoreOption } from 'echarts/core';

/** Components that can be replaced on their own without touching the series. */
const DECORATIONS = new Set(['title', 'legend', 'tooltip']);

/**
 * The parts of `next` to set when it differs from `previous` only in decorations (compared by
 * identity; a removed one is set to none); undefined when anything else differs.
 */
export function decorationPatch(
  previous: EChartsCoreOption,
  next: EChartsCoreOption,
): { option: EChartsCoreOption; types: string[] } | undefined {
  const types: string[] = [];
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (previous[key] === next[key]) continue;
    if (!DECORATIONS.has(key)) return undefined;
    types.push(key);
  }
  const option: EChartsCoreOption = {};
  for (const type of types) option[type] = next[type] ?? [];
  return { option, types };
}
