/**
 * Bars (grouped, stacked, percent, horizontal), lines, areas and combo bar + line charts on two y
 * axes. Long rows are pivoted into one aligned series per value column (or per split value); long
 * lines are downsampled with LTTB before ECharts sees them, big bar charts use its large mode.
 */
import { chartRoles, type JsValue, lttbRows } from '@facet/engine/common';
import { type AxisKind, type Pivot, pivot, toNumber } from './chart-data.ts';
import {
  baseAxis,
  type Fragment,
  LARGE,
  LINE_BUDGET,
  type OptionContext,
  valueAxis,
} from './option-context.ts';
import { type Panel, withPanels } from './panels.ts';

export function seriesOption(ctx: OptionContext): Fragment {
  return withPanels(ctx, (rows) => seriesPanel(ctx, rows));
}

function seriesPanel(ctx: OptionContext, rows: number[]): Panel {
  const { spec, data } = ctx;
  const roles = chartRoles(spec.type);
  const lineLike = spec.type === 'line' || spec.type === 'area';
  const kind: AxisKind = lineLike ? data.xKind : 'category';
  let main = pivot(data, rows, ctx.names);
  const right = spec.type === 'combo' ? pivot(data, rows, ctx.y2Names, data.y2s) : undefined;
  if (lineLike && main.categories.length > LINE_BUDGET / Math.max(1, main.series.length)) {
    main = downsample(main, kind);
  }
  const stacking = roles.stacking ? (spec.stacking ?? 'none') : 'none';
  const percent = stacking === 'percent';
  const stacked = stacking !== 'none';
  // In a stack, a split value missing at an x adds nothing (a gap would tear the stack apart).
  if (stacked)
    main = { ...main, series: main.series.map((s) => ({ ...s, values: s.values.map((v) => v ?? 0) })) };
  if (percent) main = toPercent(main);
  const points = main.categories.length;
  const labels = spec.labels === true && points * main.series.length <= 400;
  const horizontal = spec.horizontal === true && spec.type === 'bar';
  const cell = (i: number, values: (number | null)[]): unknown =>
    kind === 'category' ? values[i] : [main.categories[i], values[i]];
  const extent = extentOf(main, stacked);
  // Inside a stack, a segment too thin for its number gets none.
  const tiny = stacked ? (percent ? 100 : extent[1] - extent[0]) * 0.04 : -Infinity;
  const label = (position: string): Fragment => ({
    show: true,
    position,
    formatter: (p: { value: unknown }) => {
      const v = Array.isArray(p.value) ? (p.value as unknown[])[1] : p.value;
      if (typeof v === 'number' && Math.abs(v) < tiny) return '';
      return percent && typeof v === 'number' ? `${v.toFixed(0)}%` : ctx.fmt(v);
    },
  });
  const bars = spec.type === 'bar' || spec.type === 'combo';
  const series: Fragment[] = main.series.map((s) => ({
    type: bars ? 'bar' : 'line',
    name: s.name,
    data: s.values.map((_, i) => cell(i, s.values)),
    ...(stacked ? { stack: 'total' } : {}),
    ...(main.series.length > 1 ? { emphasis: { focus: 'series' } } : {}),
    ...(spec.type === 'area' ? { areaStyle: { opacity: stacked ? 0.85 : 0.3 } } : {}),
    ...(lineLike
      ? {
          showSymbol: points * main.series.length <= 60,
          symbolSize: 5,
          connectNulls: data.color !== undefined,
          sampling: 'lttb',
        }
      : {}),
    ...(bars
      ? {
          barMaxWidth: 56,
          large: points > LARGE,
          largeThreshold: LARGE,
          progressive: 5000,
          progressiveThreshold: 20_000,
        }
      : {}),
    ...(labels ? { label: label(bars ? (stacked ? 'inside' : horizontal ? 'right' : 'top') : 'top') } : {}),
  }));
  for (const s of right?.series ?? []) {
    series.push({
      type: 'line',
      name: s.name,
      yAxisIndex: 1,
      data: s.values,
      symbolSize: 6,
      showSymbol: points <= 60,
      ...(spec.labels ? { label: label('top') } : {}),
    });
  }
  const yName = main.series.length === 1 && !data.color ? main.series[0]?.name : undefined;
  const values = valueAxis(ctx, spec.yAxis, percent ? undefined : yName, { percent });
  const xAxis = baseAxis(ctx, kind, main.categories, spec.xAxis, spec.x);
  if (horizontal) {
    return { xAxis: values, yAxis: { ...xAxis, inverse: true }, series, extent, valueOnX: true };
  }
  if (right) {
    const rightName = right.series.length === 1 ? right.series[0]?.name : undefined;
    const rightAxis = { ...valueAxis(ctx, spec.y2Axis, rightName), splitLine: { show: false } };
    return { xAxis, yAxis: [values, rightAxis], series, extent };
  }
  return { xAxis, yAxis: values, series, extent };
}

/** Keeps the rows LTTB picks for any series, so series (and stacks) stay aligned. */
function downsample(p: Pivot, kind: AxisKind): Pivot {
  const xs = p.categories.map((c, i) =>
    kind === 'time' ? Date.parse(String(c)) : kind === 'value' ? toNumber(c) : i,
  );
  const keep = lttbRows(
    xs,
    p.series.map((s) => s.values),
    LINE_BUDGET,
  );
  return {
    categories: keep.map((i) => p.categories[i] as JsValue),
    series: p.series.map((s) => ({ name: s.name, values: keep.map((i) => s.values[i] ?? null) })),
  };
}

/** Each category's values as percentages of its total (missing values count as zero). */
function toPercent(p: Pivot): Pivot {
  const totals = p.categories.map((_, i) => p.series.reduce((sum, s) => sum + Math.abs(s.values[i] ?? 0), 0));
  return {
    categories: p.categories,
    series: p.series.map((s) => ({
      name: s.name,
      values: s.values.map((v, i) => (totals[i] ? ((v ?? 0) / totals[i]) * 100 : null)),
    })),
  };
}

function extentOf(p: Pivot, stacked: boolean): [number, number] {
  let min = 0;
  let max = 0;
  p.categories.forEach((_, i) => {
    let up = 0;
    let down = 0;
    for (const s of p.series) {
      const v = s.values[i] ?? 0;
      if (stacked) {
        if (v >= 0) up += v;
        else down += v;
      } else {
        up = Math.max(up, v);
        down = Math.min(down, v);
      }
    }
    max = Math.max(max, up);
    min = Math.min(min, down);
  });
  return [min, max];
}
