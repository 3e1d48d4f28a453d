/**
 * What every option builder shares: the spec, its data, number formatting, series names, axis
 * factories and the layout of small multiples.
 */
import {
  type Aggregation,
  type AxisOptions,
  chartAggregate,
  type ChartSpec,
  formatNumber,
  type JsValue,
  PALETTES,
} from '@facet/engine/common';
import type { AxisKind, ChartData } from './chart-data.ts';

/** An ECharts option fragment (ECharts' own types are too loose across chart types to help here). */
export type Fragment = Record<string, unknown>;

export interface OptionContext {
  spec: ChartSpec;
  data: ChartData;
  aggregate: Aggregation;
  countsRows: boolean;
  /** Formats a value for axes, labels and tooltips. */
  fmt: (value: unknown) => string;
  /** Legend names of the value columns (and right-axis columns). */
  names: string[];
  y2Names: string[];
  /** The drawing area in pixels, where known (the map keeps its aspect with it). */
  plot: { width: number; height: number } | undefined;
  /** Where the plot area starts below the title and legend. */
  top: number;
}

export const LARGE = 2000;
/** Points a line hands ECharts, over all its series. */
export const LINE_BUDGET = 4000;
export const MAX_FACETS = 12;

export function makeContext(
  spec: ChartSpec,
  data: ChartData,
  plot: OptionContext['plot'],
  legend: boolean,
): OptionContext {
  const { aggregate, countsRows } = chartAggregate(spec);
  const name = (column: string): string => (aggregate === 'none' ? column : `${aggregate} of ${column}`);
  return {
    spec,
    data,
    aggregate,
    countsRows,
    fmt: (value) => (typeof value === 'number' ? formatNumber(value, spec.format) : label(value)),
    names: countsRows ? ['count'] : spec.y.map(name),
    y2Names: (spec.y2 ?? []).map(name),
    plot,
    top: (spec.title ? 32 : 8) + (legend ? 28 : 0),
  };
}

function label(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function paletteColors(spec: ChartSpec): readonly string[] {
  if (Array.isArray(spec.palette)) return spec.palette;
  return PALETTES[spec.palette ?? 'default'];
}

/** A value axis with the spec's title, scale and range. */
export function valueAxis(
  ctx: OptionContext,
  axis: AxisOptions | undefined,
  name: string | undefined,
  options: { percent?: boolean; scale?: boolean } = {},
): Fragment {
  return {
    type: axis?.log ? 'log' : 'value',
    name: axis?.title ?? name,
    nameLocation: 'middle',
    nameGap: 12,
    scale: options.scale ?? false,
    ...(axis?.min !== undefined ? { min: axis.min } : {}),
    ...(options.percent ? { max: 100 } : axis?.max !== undefined ? { max: axis.max } : {}),
    axisLabel: {
      hideOverlap: true,
      formatter: options.percent ? (v: number) => `${v}%` : (v: number) => ctx.fmt(v),
    },
  };
}

/** The x axis of categories, time or numbers. */
export function baseAxis(
  ctx: OptionContext,
  kind: AxisKind,
  categories: readonly JsValue[] | undefined,
  axis: AxisOptions | undefined,
  name: string | undefined,
): Fragment {
  const title = { name: axis?.title ?? name, nameLocation: 'middle', nameGap: 12 };
  if (kind === 'category') {
    return {
      type: 'category',
      ...title,
      data: (categories ?? []).map(label),
      axisLabel: { hideOverlap: true },
    };
  }
  if (kind === 'time') return { type: 'time', ...title, axisLabel: { hideOverlap: true } };
  return valueAxis(ctx, axis, name, { scale: true });
}

/**
 * Grids for `n` small multiples below `top` pixels of a `height`-pixel chart, and where each panel's
 * title goes. Axis labels stay inside each grid's rectangle, so neighbours never overlap.
 */
export function panelGrids(n: number, top: number, height: number): { grid: Fragment; title: Fragment }[] {
  if (n <= 1) return [{ grid: { left: 8, right: 16, top, bottom: 8 }, title: {} }];
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const cell = Math.max(48, (height - top) / rows);
  return Array.from({ length: n }, (_, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    return {
      grid: {
        left: `${(col * 100) / cols + 1}%`,
        width: `${100 / cols - 2}%`,
        top: top + row * cell + 18,
        height: Math.max(24, cell - 26),
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      title: { left: `${((col + 0.5) * 100) / cols}%`, top: top + row * cell, textAlign: 'center' },
    };
  });
}

/** "Nice" upper bound for shared scales: 1, 2 or 5 times a power of ten. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return value;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** Text for tooltips, which ECharts renders as HTML: data must never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The middle of the plot below the title and legend, and the side of the largest square there. */
export function plotCenter(ctx: OptionContext): { x: number; y: number; side: number } {
  const { width, height } = ctx.plot ?? { width: 480, height: 320 };
  const h = Math.max(40, height - ctx.top);
  return { x: width / 2, y: ctx.top + h / 2, side: Math.min(width, h) };
}
