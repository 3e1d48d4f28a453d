/**
 * What each chart type reads from a spec: which encodings it uses (and what they mean for it, as
 * the settings panel labels them) and which options apply. The query builder, the renderer and the
 * settings panel all read this table, so a type's encodings are declared once.
 */
import type { Aggregation, ChartType } from './chart-types.ts';

export interface ChartRoles {
  /** The x encoding's label; absent when the type has none. */
  x?: string;
  /** The x encoding may be left empty (one group). */
  xOptional?: boolean;
  /** Value columns: their label and how many the type takes (0 means "count rows"). */
  y: { label: string; min: number; max: number };
  /** Combo: the right-axis line columns. */
  y2?: string;
  /** The color encoding's label (see ChartSpec.color). */
  color?: string;
  size?: string;
  /** Small multiples by a column. */
  facet: boolean;
  /** Rows can be grouped by the keys (x, color, facet) with an aggregation. */
  aggregate: boolean;
  /** Aggregation when the spec names none: keyed pictures need one value per key. */
  defaultAggregate: Aggregation;
  sort: boolean;
  stacking: boolean;
  horizontal: boolean;
  bins: boolean;
  /** Cartesian axes (titles, log scale, min/max apply). */
  axes: boolean;
  /** How unaggregated rows are bounded: a random sample (point clouds) or the first rows in order. */
  rows: 'sample' | 'ordered';
  /** At most this many rows are fetched for the picture. */
  maxRows: number;
}

const base = {
  facet: false,
  aggregate: true,
  defaultAggregate: 'none',
  sort: false,
  stacking: false,
  horizontal: false,
  bins: false,
  axes: false,
  rows: 'ordered',
  maxRows: 10_000,
} as const satisfies Partial<ChartRoles>;

const one = (label: string, min = 1) => ({ label, min, max: 1 });

const ROLES: Record<ChartType, ChartRoles> = {
  bar: {
    ...base,
    x: 'X axis',
    y: { label: 'Values', min: 0, max: 16 },
    color: 'Split by',
    facet: true,
    sort: true,
    stacking: true,
    horizontal: true,
    axes: true,
  },
  line: {
    ...base,
    x: 'X axis',
    y: { label: 'Values', min: 0, max: 16 },
    color: 'Split by',
    facet: true,
    sort: true,
    stacking: true,
    axes: true,
    maxRows: 100_000,
  },
  area: {
    ...base,
    x: 'X axis',
    y: { label: 'Values', min: 0, max: 16 },
    color: 'Split by',
    facet: true,
    sort: true,
    stacking: true,
    axes: true,
    maxRows: 100_000,
  },
  scatter: {
    ...base,
    x: 'X axis',
    y: one('Y axis'),
    color: 'Split by',
    facet: true,
    axes: true,
    rows: 'sample',
    maxRows: 50_000,
  },
  bubble: {
    ...base,
    x: 'X axis',
    y: one('Y axis'),
    size: 'Bubble size',
    color: 'Split by',
    facet: true,
    axes: true,
    rows: 'sample',
    maxRows: 20_000,
  },
  pie: { ...base, x: 'Slices', y: one('Value', 0), facet: true, sort: true },
  donut: { ...base, x: 'Slices', y: one('Value', 0), facet: true, sort: true },
  histogram: {
    ...base,
    x: 'Value to bin',
    y: { label: 'Values', min: 0, max: 0 },
    color: 'Split by',
    facet: true,
    aggregate: false,
    stacking: true,
    bins: true,
    axes: true,
  },
  boxplot: {
    ...base,
    x: 'Groups',
    xOptional: true,
    y: { label: 'Values', min: 1, max: 8 },
    aggregate: false,
    sort: true,
    axes: true,
  },
  heatmap: {
    ...base,
    x: 'Columns',
    y: one('Value', 0),
    color: 'Rows',
    defaultAggregate: 'sum',
    sort: true,
  },
  calendar: { ...base, x: 'Date', y: one('Value', 0), defaultAggregate: 'sum', maxRows: 4_000 },
  treemap: { ...base, x: 'Group', y: one('Size', 0), color: 'Subgroup', defaultAggregate: 'sum' },
  sunburst: { ...base, x: 'Inner ring', y: one('Size', 0), color: 'Outer ring', defaultAggregate: 'sum' },
  funnel: { ...base, x: 'Stage', y: one('Value', 0), defaultAggregate: 'sum', sort: true, maxRows: 100 },
  sankey: {
    ...base,
    x: 'Source',
    y: one('Flow', 0),
    color: 'Target',
    defaultAggregate: 'sum',
    maxRows: 2_000,
  },
  gauge: { ...base, y: one('Value', 0), defaultAggregate: 'sum', maxRows: 1 },
  radar: { ...base, x: 'Shapes', y: { label: 'Indicators', min: 3, max: 12 }, sort: true, maxRows: 50 },
  candlestick: {
    ...base,
    x: 'Date',
    y: { label: 'Open, close, low, high', min: 4, max: 4 },
    aggregate: false,
    axes: true,
    maxRows: 5_000,
  },
  parallel: {
    ...base,
    x: 'First axis',
    xOptional: true,
    y: { label: 'Axes', min: 2, max: 12 },
    color: 'Split by',
    rows: 'sample',
    maxRows: 5_000,
  },
  waterfall: { ...base, x: 'Steps', y: one('Change', 0), sort: true, axes: true, maxRows: 500 },
  combo: {
    ...base,
    x: 'X axis',
    y: { label: 'Bars (left axis)', min: 1, max: 8 },
    y2: 'Lines (right axis)',
    sort: true,
    stacking: true,
    axes: true,
  },
  map: {
    ...base,
    x: 'Longitude',
    y: one('Latitude'),
    size: 'Point size',
    color: 'Split by',
    aggregate: false,
    rows: 'sample',
    maxRows: 50_000,
  },
};

/** The encodings and options a chart type uses. */
export function chartRoles(type: ChartType): ChartRoles {
  return ROLES[type];
}
