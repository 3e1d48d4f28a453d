/**
 * Parts of a whole and single values: pie and donut (small multiples by facet), funnel, treemap,
 * sunburst and gauge.
 */
import { facetGroups, label } from './chart-data.ts';
import {
  type Fragment,
  MAX_FACETS,
  niceCeil,
  type OptionContext,
  panelGrids,
  plotCenter,
} from './option-context.ts';

/** Slices beyond this many are summed into "Other", so a pie stays readable. */
const MAX_SLICES = 12;

export function pieOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const groups = facetGroups(data, MAX_FACETS);
  const layout = panelGrids(groups.length, ctx.top, ctx.plot?.height ?? 320);
  const donut = spec.type === 'donut';
  const series = groups.map((group, i) => {
    const slices = group.rows
      .map((r) => ({ name: label(data.x[r]), value: data.ys[0]?.[r] ?? null }))
      .filter((s): s is { name: string; value: number } => s.value !== null && s.value > 0);
    const shown = slices.length > MAX_SLICES ? [...slices].sort((a, b) => b.value - a.value) : slices;
    const kept = shown.slice(0, MAX_SLICES - 1);
    const rest = shown.slice(MAX_SLICES - 1).reduce((sum, s) => sum + s.value, 0);
    const grid = layout[i]?.grid ?? {};
    const single = groups.length === 1;
    const { x, y, side } = plotCenter(ctx);
    return {
      type: 'pie',
      name: group.name || ctx.names[0],
      ...(single
        ? { center: [x, y], radius: donut ? [side * 0.2, side * 0.36] : [0, side * 0.36] }
        : {
            left: grid.left,
            top: grid.top,
            width: grid.width,
            height: grid.height,
            radius: donut ? ['35%', '62%'] : [0, '62%'],
          }),
      data: slices.length > MAX_SLICES ? [...kept, { name: 'Other', value: rest }] : slices,
      avoidLabelOverlap: true,
      itemStyle: { borderColor: 'transparent', borderWidth: 1, borderRadius: donut ? 4 : 0 },
      label:
        spec.labels === false
          ? { show: false }
          : {
              show: true,
              formatter: (p: { name: string; value: number; percent: number }) =>
                spec.labels ? `${p.name}: ${ctx.fmt(p.value)} (${p.percent.toFixed(0)}%)` : p.name,
            },
    };
  });
  return {
    series,
    ...(groups.length > 1
      ? { panelTitles: groups.map((g, i) => ({ text: g.name, ...layout[i]?.title })) }
      : {}),
  };
}

export function funnelOption(ctx: OptionContext): Fragment {
  const { data, spec } = ctx;
  const stages = Array.from({ length: data.rows }, (_, r) => ({
    name: label(data.x[r]),
    value: data.ys[0]?.[r] ?? 0,
  }));
  return {
    series: [
      {
        type: 'funnel',
        name: ctx.names[0],
        top: ctx.top + 8,
        bottom: 8,
        left: '10%',
        width: '80%',
        // The query's order when the person chose one, widest first otherwise.
        sort: spec.sort && spec.sort !== 'none' ? 'none' : 'descending',
        gap: 2,
        minSize: '18%',
        label: {
          show: true,
          position: 'inside',
          formatter: (p: { name: string; value: number }) =>
            spec.labels === false ? p.name : `${p.name}: ${ctx.fmt(p.value)}`,
        },
        data: stages,
      },
    ],
  };
}

interface TreeNode {
  name: string;
  value: number;
  children?: TreeNode[];
}

/** x (and color, when set) as a two-level tree; sizes must be positive. */
function hierarchy(ctx: OptionContext): TreeNode[] {
  const { data } = ctx;
  const top = new Map<string, TreeNode>();
  for (let r = 0; r < data.rows; r++) {
    const value = data.ys[0]?.[r] ?? null;
    if (value === null || value <= 0) continue;
    const name = label(data.x[r]);
    let node = top.get(name);
    if (!node) {
      node = { name, value: 0, ...(data.color ? { children: [] } : {}) };
      top.set(name, node);
    }
    node.value += value;
    if (data.color) node.children?.push({ name: label(data.color[r]), value });
  }
  return [...top.values()];
}

export function treemapOption(ctx: OptionContext): Fragment {
  const nested = ctx.data.color !== undefined;
  return {
    series: [
      {
        type: ctx.spec.type === 'sunburst' ? 'sunburst' : 'treemap',
        name: ctx.names[0],
        data: hierarchy(ctx),
        ...(ctx.spec.type === 'sunburst'
          ? {
              center: [plotCenter(ctx).x, plotCenter(ctx).y],
              radius: [0, plotCenter(ctx).side * 0.47],
              label: { rotate: 'radial', minAngle: 8 },
              itemStyle: { borderWidth: 1 },
            }
          : {
              top: ctx.top,
              left: 4,
              right: 4,
              bottom: 4,
              roam: false,
              // Every level at once: a static picture reads better on a canvas than drilling in.
              nodeClick: false,
              breadcrumb: { show: false },
              label: {
                show: true,
                formatter: (p: { name: string; value: number }) =>
                  ctx.spec.labels ? `${p.name}\n${ctx.fmt(p.value)}` : p.name,
              },
              levels: [
                { itemStyle: { gapWidth: 2, borderWidth: 0 }, upperLabel: { show: false } },
                { itemStyle: { gapWidth: 1, borderWidth: 2 }, upperLabel: { show: nested, height: 18 } },
                { itemStyle: { gapWidth: 1 }, colorSaturation: [0.35, 0.6] },
              ],
            }),
      },
    ],
  };
}

export function gaugeOption(ctx: OptionContext): Fragment {
  const { spec } = ctx;
  const value = ctx.data.ys[0]?.[0] ?? 0;
  const max = spec.yAxis?.max ?? (value > 0 ? niceCeil(value * 1.2) : 100);
  const min = spec.yAxis?.min ?? Math.min(0, value);
  const { x, y, side } = plotCenter(ctx);
  return {
    series: [
      {
        type: 'gauge',
        name: ctx.names[0],
        min,
        max,
        center: [x, y + side * 0.05],
        radius: side * 0.45,
        progress: { show: true, width: 12 },
        axisLine: { lineStyle: { width: 12 } },
        axisLabel: { formatter: (v: number) => ctx.fmt(v), distance: 16 },
        splitNumber: 4,
        detail: { formatter: (v: number) => ctx.fmt(v), fontSize: 20, offsetCenter: [0, '60%'] },
        title: { offsetCenter: [0, '85%'] },
        data: [{ value, name: ctx.names[0] }],
      },
    ],
  };
}
