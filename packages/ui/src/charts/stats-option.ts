/**
 * Charts of computed shapes: histogram bins, box plots (quartiles, whiskers, outliers),
 * candlesticks and waterfalls (running totals as floating bars).
 */
import { CHART_FIELDS, type JsValue } from '@facet/engine/common';
import { compareLabels, extent, label, toNumber } from './chart-data.ts';
import { escapeHtml, type Fragment, LARGE, type OptionContext, valueAxis } from './option-context.ts';
import { withPanels } from './panels.ts';

export function histogramOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const starts = data.x.map(toNumber);
  const ends = data.column(CHART_FIELDS.xEnd).map(toNumber);
  const [lo, last] = extent(starts) ?? [0, 0];
  const width = (ends[0] ?? 1) - (starts[0] ?? 0) || 1;
  // The query leaves out empty bins; the lowest and highest bins always hold a row.
  const bins = Math.min(1000, Math.round((last - lo) / width) + 1);
  const names = Array.from({ length: bins }, (_, k) => ctx.fmt(lo + k * width));
  const stacked = (spec.stacking ?? 'stacked') !== 'none';
  return withPanels(ctx, (rows) => {
    const series = new Map<string, number[]>();
    for (const r of rows) {
      const key = data.color ? label(data.color[r]) : 'count';
      const bin = Math.min(bins - 1, Math.max(0, Math.round(((starts[r] ?? lo) - lo) / width)));
      const counts = series.get(key) ?? Array.from({ length: bins }, () => 0);
      counts[bin] = (counts[bin] ?? 0) + (data.ys[0]?.[r] ?? 0);
      series.set(key, counts);
    }
    const totals = names.map((_, k) => [...series.values()].reduce((sum, c) => sum + (c[k] ?? 0), 0));
    return {
      xAxis: {
        type: 'category',
        data: names,
        name: spec.xAxis?.title ?? spec.x,
        nameLocation: 'middle',
        nameGap: 12,
        axisLabel: { hideOverlap: true },
      },
      yAxis: valueAxis(ctx, spec.yAxis, 'count'),
      series: [...series]
        .sort(([a], [b]) => compareLabels(a, b))
        .map(([name, counts]) => ({
          type: 'bar',
          name,
          data: counts,
          barCategoryGap: '4%',
          ...(stacked ? { stack: 'total' } : {}),
          ...(spec.labels
            ? {
                label: { show: true, position: 'top', formatter: (p: { value: number }) => ctx.fmt(p.value) },
              }
            : {}),
        })),
      extent: [0, Math.max(0, ...(stacked ? totals : [...series.values()].flat()))],
    };
  });
}

export function boxplotOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const stat = (name: string, i: number): (number | null)[] => data.column(`${name}_${i}`).map(toNumber);
  const grouped = spec.x !== '';
  const columns = spec.y.map((_, i) => ({
    q1: stat('q1', i),
    med: stat('med', i),
    q3: stat('q3', i),
    lo: stat('lo', i),
    hi: stat('hi', i),
    out: data.column(`out_${i}`),
  }));
  const box = (c: (typeof columns)[number], r: number): (number | null)[] => [
    c.lo[r] ?? null,
    c.q1[r] ?? null,
    c.med[r] ?? null,
    c.q3[r] ?? null,
    c.hi[r] ?? null,
  ];
  const rows = Array.from({ length: data.rows }, (_, r) => r);
  // Without groups, each value column is a category of its own.
  const categories = grouped ? rows.map((r) => label(data.x[r])) : spec.y;
  const outliers = (c: (typeof columns)[number], r: number, at: string): unknown[][] => {
    const list = c.out[r];
    return Array.isArray(list) ? list.map((v: JsValue) => [at, v]) : [];
  };
  const series: Fragment[] = grouped
    ? columns.flatMap((c, i) => [
        { type: 'boxplot', name: spec.y[i], data: rows.map((r) => box(c, r)) },
        {
          type: 'scatter',
          name: spec.y[i],
          symbolSize: 5,
          data: rows.flatMap((r) => outliers(c, r, categories[r] ?? '')),
        },
      ])
    : [
        { type: 'boxplot', name: 'distribution', data: columns.map((c) => box(c, 0)) },
        {
          type: 'scatter',
          name: 'outliers',
          symbolSize: 5,
          data: columns.flatMap((c, i) => outliers(c, 0, spec.y[i] ?? '')),
        },
      ];
  return {
    grid: { left: 8, right: 16, top: ctx.top, bottom: 8 },
    xAxis: {
      type: 'category',
      data: categories,
      name: spec.xAxis?.title ?? (grouped ? spec.x : undefined),
      nameLocation: 'middle',
      nameGap: 12,
    },
    yAxis: valueAxis(ctx, spec.yAxis, spec.y.length === 1 ? spec.y[0] : undefined, { scale: true }),
    series,
  };
}

export function candlestickOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const candles = Array.from({ length: data.rows }, (_, r) =>
    [0, 1, 2, 3].map((i) => data.ys[i]?.[r] ?? null),
  );
  return {
    grid: { left: 8, right: 16, top: ctx.top, bottom: data.rows > 120 ? 48 : 8 },
    xAxis: {
      type: 'category',
      data: data.x.map(label),
      name: spec.xAxis?.title ?? spec.x,
      nameLocation: 'middle',
      nameGap: 12,
      axisLabel: { hideOverlap: true },
    },
    yAxis: valueAxis(ctx, spec.yAxis, undefined, { scale: true }),
    ...(data.rows > 120
      ? { dataZoom: [{ type: 'slider', start: 70, end: 100, height: 20, bottom: 8 }] }
      : {}),
    series: [
      {
        type: 'candlestick',
        name: spec.y.join(', '),
        data: candles,
        large: data.rows > LARGE,
        itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' },
      },
    ],
  };
}

export function waterfallOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const categories = [...data.x.map(label), 'Total'];
  const base: (number | null)[] = [];
  const parts = {
    upPos: [] as (number | null)[],
    upNeg: [] as (number | null)[],
    downPos: [] as (number | null)[],
    downNeg: [] as (number | null)[],
  };
  // Which part of each bar carries its label: the longer one of a bar that crosses zero.
  const labelOn: ('pos' | 'neg')[] = [];
  let running = 0;
  for (const delta of data.ys[0] ?? []) {
    const d = delta ?? 0;
    const [low, high] = d >= 0 ? [running, running + d] : [running + d, running];
    const up = d >= 0;
    // Bars that cross zero are drawn in two parts: ECharts stacks positive and negative values apart.
    const crosses = low < 0 && high > 0;
    base.push(crosses ? null : low >= 0 ? low : high);
    const pos = crosses ? high : low >= 0 ? high - low : null;
    const neg = crosses ? low : high <= 0 ? low - high : null;
    parts.upPos.push(up ? pos : null);
    parts.upNeg.push(up ? neg : null);
    parts.downPos.push(up ? null : pos);
    parts.downNeg.push(up ? null : neg);
    labelOn.push(neg !== null && (pos === null || Math.abs(neg) > pos) ? 'neg' : 'pos');
    running += d;
  }
  const deltas = data.ys[0] ?? [];
  const bar = (name: string, values: (number | null)[], color: string, part: 'pos' | 'neg'): Fragment => ({
    type: 'bar',
    name,
    stack: 'waterfall',
    data: [...values, null],
    itemStyle: { color },
    ...(spec.labels
      ? {
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { dataIndex: number }) =>
              labelOn[p.dataIndex] === part ? ctx.fmt(deltas[p.dataIndex]) : '',
          },
        }
      : {}),
  });
  return {
    grid: { left: 8, right: 16, top: ctx.top, bottom: 8 },
    tooltip: { trigger: 'axis', formatter: waterfallTooltip(categories, deltas, running, ctx) },
    xAxis: {
      type: 'category',
      data: categories,
      name: spec.xAxis?.title ?? spec.x,
      nameLocation: 'middle',
      nameGap: 12,
    },
    yAxis: valueAxis(ctx, spec.yAxis, ctx.names[0]),
    series: [
      {
        type: 'bar',
        name: 'base',
        stack: 'waterfall',
        data: [...base, null],
        itemStyle: { color: 'transparent' },
        silent: true,
      },
      bar('Increase', parts.upPos, '#59a14f', 'pos'),
      bar('Increase', parts.upNeg, '#59a14f', 'neg'),
      bar('Decrease', parts.downNeg, '#e15759', 'neg'),
      bar('Decrease', parts.downPos, '#e15759', 'pos'),
      {
        type: 'bar',
        name: 'Total',
        stack: 'waterfall',
        data: [...base.map(() => null), running],
        itemStyle: { color: '#4e79a7' },
        ...(spec.labels
          ? {
              label: {
                show: true,
                position: running >= 0 ? 'top' : 'bottom',
                formatter: () => ctx.fmt(running),
              },
            }
          : {}),
      },
    ],
    legend: { data: ['Increase', 'Decrease', 'Total'], top: spec.title ? 28 : 0 },
  };
}

function waterfallTooltip(
  categories: string[],
  deltas: (number | null)[],
  total: number,
  ctx: OptionContext,
) {
  return (params: { dataIndex: number }[]): string => {
    const i = params[0]?.dataIndex ?? 0;
    const name = categories[i] ?? '';
    return escapeHtml(`${name}: ${ctx.fmt(i < deltas.length ? deltas[i] : total)}`);
  };
}
