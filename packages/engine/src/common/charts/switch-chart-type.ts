/**
 * Changing a chart's type keeps what still applies (columns, title, format, palette) and fills what
 * the new type needs from the result's columns: a histogram bins a number, a map finds latitude and
 * longitude, a radar takes three measures, a sankey a second category. Settings the new type cannot
 * use are dropped so the spec stays truthful.
 */
import { categoryOf } from '../engine/profile.ts';
import { chartRoles } from './chart-roles.ts';
import type { ChartColumn, ChartSpec, ChartType } from './chart-types.ts';

type Want = 'number' | 'time' | 'category' | 'any';

/** The kind of x column each type reads best. */
const X_WANT: Partial<Record<ChartType, Want>> = {
  histogram: 'number',
  scatter: 'number',
  bubble: 'number',
  map: 'number',
  calendar: 'time',
  candlestick: 'time',
  pie: 'category',
  donut: 'category',
  funnel: 'category',
  treemap: 'category',
  sunburst: 'category',
  sankey: 'category',
  heatmap: 'category',
  radar: 'category',
  boxplot: 'category',
  waterfall: 'category',
};

const LAT = /(^|[_\s])(lat|latitude)$/i;
const LON = /(^|[_\s])(lon|lng|long|longitude)$/i;

export function switchChartType(
  spec: ChartSpec,
  type: ChartType,
  columns: readonly ChartColumn[],
): ChartSpec {
  const roles = chartRoles(type);
  const kindOf = (name: string): Want => {
    const column = columns.find((c) => c.name === name);
    if (!column) return 'any';
    const category = categoryOf(column.type);
    return category === 'number'
      ? 'number'
      : category === 'temporal'
        ? 'time'
        : category === 'other'
          ? 'any'
          : 'category';
  };
  // Before the result's columns are known, every column the spec names is taken as it is.
  const known = (name: string | undefined): name is string =>
    name !== undefined && (columns.length === 0 || columns.some((c) => c.name === name));
  const of = (want: Want): string[] =>
    columns.map((c) => c.name).filter((n) => want === 'any' || kindOf(n) === want);
  const numbers = of('number');
  const next: ChartSpec = { type, x: spec.x, y: spec.y.filter(known) };
  for (const key of ['title', 'format', 'palette', 'labels', 'xAxis', 'yAxis'] as const) {
    if (spec[key] !== undefined) Object.assign(next, { [key]: spec[key] });
  }
  if (roles.aggregate && spec.aggregate) next.aggregate = spec.aggregate;
  if (roles.sort && spec.sort) next.sort = spec.sort;
  if (roles.sort && spec.limit) next.limit = spec.limit;
  if (roles.facet && known(spec.facet)) next.facet = spec.facet;
  if (roles.color && known(spec.color)) next.color = spec.color;
  if (roles.size && known(spec.size)) next.size = spec.size;
  if (roles.stacking && spec.stacking) next.stacking = spec.stacking;
  if (roles.horizontal && spec.horizontal) next.horizontal = true;
  if (roles.bins && spec.bins) next.bins = spec.bins;
  if (roles.y2 && spec.y2) next.y2 = spec.y2.filter(known);
  if (roles.y2 && spec.y2Axis) next.y2Axis = spec.y2Axis;

  // x: the current column when it suits the type, else the first that does.
  const want = X_WANT[type] ?? 'any';
  if (!roles.x) next.x = '';
  else if (type === 'histogram')
    next.x = [spec.x, ...spec.y, ...numbers].find((c) => kindOf(c) === 'number') ?? spec.x;
  else if (type === 'map') next.x = numbers.find((n) => LON.test(n)) ?? numbers[0] ?? spec.x;
  else if (!known(spec.x) || (want !== 'any' && kindOf(spec.x) !== want)) {
    next.x = of(want).find((c) => !next.y.includes(c)) ?? (roles.xOptional ? '' : spec.x);
  }
  // Scatter-like types keep a time x too: it is plotted on a time axis.
  if ((type === 'scatter' || type === 'bubble') && kindOf(spec.x) === 'time') next.x = spec.x;

  // y: numeric columns, as many as the type takes.
  const free = (used: readonly string[]): string[] =>
    numbers.filter((n) => n !== next.x && !used.includes(n));
  if (type === 'histogram') next.y = [];
  else if (type === 'map') next.y = [numbers.find((n) => LAT.test(n)) ?? free([])[0] ?? ''].filter(Boolean);
  else if (type === 'candlestick') {
    const named = ['open', 'close', 'low', 'high'].map((n) => numbers.find((c) => c.toLowerCase() === n));
    next.y = named.every(Boolean) ? (named as string[]) : [...next.y, ...free(next.y)].slice(0, 4);
  } else {
    next.y = next.y.filter((y) => kindOf(y) === 'number' || kindOf(y) === 'any');
    while (next.y.length < roles.y.min && free(next.y).length > 0) next.y.push(free(next.y)[0] as string);
    next.y = next.y.slice(0, roles.y.max);
  }
  if (roles.y2 && (next.y2 ?? []).length === 0) {
    const spare = free(next.y)[0];
    if (spare) next.y2 = [spare];
  }
  if (roles.size && !next.size) {
    const spare = free(next.y)[0];
    if (spare) next.size = spare;
  }
  // Two-level pictures want a second category.
  if (['sankey', 'heatmap', 'treemap', 'sunburst'].includes(type) && !next.color) {
    const second = of('category').find((c) => c !== next.x);
    if (second) next.color = second;
  }
  return next;
}
