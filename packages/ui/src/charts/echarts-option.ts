/**
 * A chart spec plus the result of its chart query (see chartQuery) → an ECharts option. Each family
 * of chart types has its builder; this module adds what all share: palette, title, legend, tooltip.
 * The data handed to ECharts is bounded: the query caps rows, lines are downsampled with LTTB and
 * big bar and point series switch to ECharts' large, progressive mode.
 */
import type { Table } from 'apache-arrow';
import { chartAggregate, chartRoles, type ChartSpec, type ChartType } from '@facet/engine/common';
import type { EChartsCoreOption } from 'echarts/core';
import { seriesOption } from './cartesian-option.ts';
import { asChartResult, readChartData } from './chart-data.ts';
import { type Fragment, makeContext, type OptionContext, paletteColors } from './option-context.ts';
import { funnelOption, gaugeOption, pieOption, treemapOption } from './part-option.ts';
import { pointsOption } from './point-option.ts';
import {
  calendarOption,
  heatmapOption,
  parallelOption,
  radarOption,
  sankeyOption,
} from './relation-option.ts';
import { boxplotOption, candlestickOption, histogramOption, waterfallOption } from './stats-option.ts';

const BUILDERS: Record<ChartType, (ctx: OptionContext) => Fragment> = {
  bar: seriesOption,
  line: seriesOption,
  area: seriesOption,
  combo: seriesOption,
  scatter: pointsOption,
  bubble: pointsOption,
  map: pointsOption,
  pie: pieOption,
  donut: pieOption,
  funnel: funnelOption,
  treemap: treemapOption,
  sunburst: treemapOption,
  gauge: gaugeOption,
  histogram: histogramOption,
  boxplot: boxplotOption,
  candlestick: candlestickOption,
  waterfall: waterfallOption,
  heatmap: heatmapOption,
  calendar: calendarOption,
  sankey: sankeyOption,
  radar: radarOption,
  parallel: parallelOption,
};

/** Types whose tooltip lists every series at the hovered x. */
const AXIS_TOOLTIP = new Set<ChartType>([
  'bar',
  'line',
  'area',
  'combo',
  'histogram',
  'candlestick',
  'waterfall',
]);
/** Types whose series split by the color column. */
const SPLIT_BY_COLOR = new Set<ChartType>([
  'bar',
  'line',
  'area',
  'scatter',
  'bubble',
  'map',
  'histogram',
  'parallel',
]);

export interface ChartOptionInput {
  /** The drawing area in pixels (maps keep their aspect, pies and calendars size themselves). */
  plot?: { width: number; height: number };
}

/** What an option is built from besides the title's text (builders read only whether there is one). */
interface Drawing {
  key: string;
  /** Everything but the title, in the option's order around it. */
  head: Fragment;
  tail: Fragment;
  panelTitles: Fragment[];
  /** The last title list handed out, so an unchanged title keeps its identity. */
  titles?: { text: string | undefined; list: Fragment[] };
}

/**
 * The last drawing of each table: a change of the title alone (or a new render with the same spec)
 * reuses the series instead of reading and downsampling the rows again, and hands out the same
 * objects, so EChart can tell which parts changed.
 */
const drawings = new WeakMap<Table, Drawing>();

/**
 * Builds the ECharts option for `spec` from its chart query's result `table` (see runChartQuery);
 * a block's raw result also works for charts that need no statistics, drawn unaggregated.
 * The option's parts are shared with later calls: treat it as read-only.
 */
export function echartsOption(
  spec: ChartSpec,
  table: Table,
  input: ChartOptionInput = {},
): EChartsCoreOption {
  const key = JSON.stringify([{ ...spec, title: Boolean(spec.title) }, input.plot ?? null]);
  let drawing = drawings.get(table);
  if (drawing?.key !== key) {
    drawing = { key, ...draw(spec, table, input) };
    drawings.set(table, drawing);
  }
  if (!drawing.titles || drawing.titles.text !== spec.title) {
    const own = spec.title ? [{ text: spec.title, left: 'center', top: 4, textStyle: { fontSize: 14 } }] : [];
    drawing.titles = { text: spec.title, list: [...own, ...drawing.panelTitles] };
  }
  const titles = drawing.titles.list;
  return { ...drawing.head, ...(titles.length > 0 ? { title: titles } : {}), ...drawing.tail };
}

function draw(spec: ChartSpec, table: Table, input: ChartOptionInput): Omit<Drawing, 'key'> {
  const roles = chartRoles(spec.type);
  const { countsRows } = chartAggregate(spec);
  const y2Count = roles.y2 ? (spec.y2?.length ?? 0) : 0;
  const data = readChartData(asChartResult(spec, table), countsRows ? 1 : spec.y.length, y2Count);
  const split = SPLIT_BY_COLOR.has(spec.type) && data.color !== undefined;
  const legend =
    split ||
    (['bar', 'line', 'area', 'combo', 'boxplot'].includes(spec.type) && spec.y.length + y2Count > 1) ||
    (spec.type === 'radar' && data.rows > 1) ||
    spec.type === 'waterfall';
  const ctx = makeContext(spec, data, input.plot, legend);
  const { panelTitles, tooltip, legend: ownLegend, ...body } = BUILDERS[spec.type](ctx);
  const percent = roles.stacking && spec.stacking === 'percent';
  return {
    head: { animation: data.rows <= 2000, color: [...paletteColors(spec)] },
    tail: {
      tooltip: {
        trigger: AXIS_TOOLTIP.has(spec.type) ? 'axis' : 'item',
        confine: true,
        valueFormatter: percent
          ? (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '–')
          : ctx.fmt,
        ...(tooltip as Fragment | undefined),
      },
      ...(legend
        ? { legend: { type: 'scroll', top: spec.title ? 28 : 0, ...(ownLegend as Fragment | undefined) } }
        : {}),
      ...body,
    },
    panelTitles: (panelTitles as Fragment[] | undefined) ?? [],
  };
}
