/**
 * Values between two keys and across many measures: heatmap (x by rows), calendar heatmap (a value
 * per day), sankey (flows from source to target), radar and parallel coordinates.
 */
import type { JsValue } from '@facet/engine/common';
import { compareLabels, extent, label } from './chart-data.ts';
import { type Fragment, LARGE, niceCeil, type OptionContext, paletteColors } from './option-context.ts';

/** The continuous color scale of heatmaps, from the spec's palette. */
function colorScale(ctx: OptionContext, values: readonly (number | null)[], place: Fragment): Fragment {
  const [min, max] = extent(values) ?? [0, 1];
  const palette = paletteColors(ctx.spec);
  return {
    min,
    max: max > min ? max : min + 1,
    calculable: false,
    itemHeight: 120,
    itemWidth: 10,
    text: [ctx.fmt(max), ctx.fmt(min)],
    textGap: 6,
    ...place,
    inRange: { color: ctx.spec.palette ? [...palette] : ['#e0ecf4', '#9ebcda', '#08519c'] },
  };
}

function unique(values: readonly JsValue[]): string[] {
  return [...new Set(values.map(label))];
}

export function heatmapOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const xs = unique(data.x);
  const rows = data.color ? unique(data.color) : [ctx.names[0] ?? ''];
  const values = data.ys[0] ?? [];
  const cells = Array.from({ length: data.rows }, (_, r) => [
    xs.indexOf(label(data.x[r])),
    data.color ? rows.indexOf(label(data.color[r])) : 0,
    values[r] ?? null,
  ]);
  const small = xs.length * rows.length <= 400;
  return {
    grid: { left: 8, right: 72, top: ctx.top, bottom: 8 },
    xAxis: {
      type: 'category',
      data: xs,
      name: spec.xAxis?.title ?? spec.x,
      nameLocation: 'middle',
      nameGap: 12,
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: rows,
      inverse: true,
      name: spec.yAxis?.title ?? spec.color,
      nameLocation: 'middle',
      nameGap: 12,
      splitArea: { show: true },
    },
    visualMap: colorScale(ctx, values, { orient: 'vertical', right: 4, top: 'middle' }),
    series: [
      {
        type: 'heatmap',
        name: ctx.names[0],
        data: cells,
        progressive: 5000,
        ...(spec.labels !== false && small
          ? {
              label: {
                show: true,
                fontSize: 10,
                formatter: (p: { value: unknown[] }) => ctx.fmt(p.value[2]),
              },
            }
          : {}),
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.4)' } },
      },
    ],
  };
}

/** Years shown at most (the first ones in the data). */
const MAX_YEARS = 4;

export function calendarOption(ctx: OptionContext): Fragment {
  const { data } = ctx;
  const days = Array.from({ length: data.rows }, (_, r) => [data.x[r], data.ys[0]?.[r] ?? null]).filter(
    (d): d is [string, number | null] => typeof d[0] === 'string' && /^\d{4}-\d\d-\d\d/.test(d[0]),
  );
  const years = [...new Set(days.map((d) => d[0].slice(0, 4)))].sort().slice(0, MAX_YEARS);
  const width = ctx.plot?.width ?? 480;
  const height = ctx.plot?.height ?? 320;
  // Weeks across, days down: the cell is as big as both the width and the height allow.
  const cell = Math.max(
    4,
    Math.min(18, (width - 60) / 54, (height - ctx.top - 50) / Math.max(1, years.length) / 9),
  );
  return {
    visualMap: colorScale(
      ctx,
      days.map((d) => d[1]),
      { orient: 'horizontal', left: 'center', bottom: 0 },
    ),
    calendar: years.map((year, i) => ({
      range: year,
      top: ctx.top + 18 + i * cell * 9,
      left: 40,
      cellSize: [cell, cell],
      yearLabel: { show: true, position: 'left', margin: 24, fontSize: 11 },
      dayLabel: { show: cell >= 10, fontSize: 9, firstDay: 1 },
      monthLabel: { fontSize: 10 },
      itemStyle: { borderWidth: 0.5 },
      splitLine: { lineStyle: { width: 1 } },
    })),
    series: years.map((year, i) => ({
      type: 'heatmap',
      coordinateSystem: 'calendar',
      calendarIndex: i,
      name: ctx.names[0],
      data: days.filter((d) => d[0].startsWith(year)).map((d) => [d[0].slice(0, 10), d[1]]),
    })),
  };
}

export function sankeyOption(ctx: OptionContext): Fragment {
  const { data } = ctx;
  const links = Array.from({ length: data.rows }, (_, r) => ({
    source: label(data.x[r]),
    target: data.color ? label(data.color[r]) : '',
    value: data.ys[0]?.[r] ?? 0,
  })).filter((l) => l.value > 0 && l.target !== '');
  // ECharts draws only acyclic flows. When sources and targets share names in a way that loops
  // (A → B and B → A, or A → A), targets become nodes of their own ("B ›").
  const bipartite = hasCycle(links);
  const flows = bipartite ? links.map((l) => ({ ...l, target: `${l.target} ›` })) : links;
  const names = [...new Set(flows.flatMap((l) => [l.source, l.target]))];
  // Gaps between nodes take room from the flows: many nodes get thin gaps, and no labels once
  // they could not be read anyway.
  const column = Math.max(new Set(flows.map((l) => l.source)).size, new Set(flows.map((l) => l.target)).size);
  const height = (ctx.plot?.height ?? 320) - ctx.top - 12;
  const nodeGap = Math.max(0.5, Math.min(8, (height * 0.3) / Math.max(1, column)));
  return {
    series: [
      {
        type: 'sankey',
        top: ctx.top + 4,
        bottom: 8,
        left: 8,
        right: 90,
        nodeGap,
        layoutIterations: names.length > 200 ? 0 : 32,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.4, curveness: 0.5 },
        label: { show: column * 12 <= height, fontSize: 11 },
        data: names.map((name) => ({ name })),
        links: flows,
      },
    ],
  };
}

function hasCycle(links: readonly { source: string; target: string }[]): boolean {
  const next = new Map<string, string[]>();
  for (const l of links) {
    const targets = next.get(l.source);
    if (targets) targets.push(l.target);
    else next.set(l.source, [l.target]);
  }
  const state = new Map<string, 1 | 2>();
  const visit = (node: string): boolean => {
    state.set(node, 1);
    for (const to of next.get(node) ?? []) {
      const s = state.get(to);
      if (s === 1 || (s === undefined && visit(to))) return true;
    }
    state.set(node, 2);
    return false;
  };
  return [...next.keys()].some((node) => state.get(node) === undefined && visit(node));
}

export function radarOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const indicators = ctx.names.map((name, i) => ({
    name,
    max: niceCeil((extent(data.ys[i] ?? [])?.[1] ?? 1) * 1.05),
  }));
  return {
    radar: {
      indicator: indicators,
      center: ['50%', (ctx.plot?.height ?? 320) / 2 + ctx.top / 2],
      radius: '62%',
      axisName: { fontSize: 11 },
    },
    series: [
      {
        type: 'radar',
        name: spec.x,
        data: Array.from({ length: data.rows }, (_, r) => ({
          name: label(data.x[r]),
          value: data.ys.map((column) => column[r] ?? null),
        })),
        areaStyle: { opacity: data.rows <= 3 ? 0.2 : 0.05 },
        emphasis: { focus: 'self' },
      },
    ],
  };
}

export function parallelOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const hasX = spec.x !== '';
  const dims = [...(hasX ? [spec.x] : []), ...ctx.names];
  const axes = dims.map((name, dim) =>
    hasX && dim === 0 && data.xKind !== 'value'
      ? { dim, name, type: 'category', data: [...new Set(data.x.map(label))] }
      : { dim, name, type: 'value', scale: true, axisLabel: { formatter: (v: number) => ctx.fmt(v) } },
  );
  const groups = new Map<string, unknown[][]>();
  for (let r = 0; r < data.rows; r++) {
    const key = data.color ? label(data.color[r]) : 'rows';
    const row = [
      ...(hasX ? [data.xKind === 'value' ? data.x[r] : label(data.x[r])] : []),
      ...data.ys.map((c) => c[r] ?? null),
    ];
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const many = data.rows > 500;
  return {
    parallel: { left: 40, right: 60, top: ctx.top + 24, bottom: 24 },
    parallelAxis: axes,
    series: [...groups]
      .sort(([a], [b]) => compareLabels(a, b))
      .map(([name, rows]) => ({
        type: 'parallel',
        name,
        data: rows,
        lineStyle: { width: 1, opacity: many ? 0.15 : 0.5 },
        progressive: LARGE,
        smooth: false,
      })),
  };
}
