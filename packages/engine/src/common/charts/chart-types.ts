/**
 * The vocabulary of chart specs: chart types, encodings and their options. A spec is small JSON
 * stored in the canvas document; renderers (ECharts in packages/ui) turn a spec plus the rows of
 * its query into a picture.
 */

export const CHART_TYPES = [
  'bar',
  'line',
  'area',
  'scatter',
  'bubble',
  'pie',
  'donut',
  'histogram',
  'boxplot',
  'heatmap',
  'calendar',
  'treemap',
  'sunburst',
  'funnel',
  'sankey',
  'gauge',
  'radar',
  'candlestick',
  'parallel',
  'waterfall',
  'combo',
  'map',
] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** What people call each chart type (the type select's labels). */
export const CHART_TYPE_LABELS: Record<ChartType, string> = {
  bar: 'Bar',
  line: 'Line',
  area: 'Area',
  scatter: 'Scatter',
  bubble: 'Bubble',
  pie: 'Pie',
  donut: 'Donut',
  histogram: 'Histogram',
  boxplot: 'Box plot',
  heatmap: 'Heatmap',
  calendar: 'Calendar heatmap',
  treemap: 'Treemap',
  sunburst: 'Sunburst',
  funnel: 'Funnel',
  sankey: 'Sankey',
  gauge: 'Gauge',
  radar: 'Radar',
  candlestick: 'Candlestick',
  parallel: 'Parallel coordinates',
  waterfall: 'Waterfall',
  combo: 'Combo (2 axes)',
  map: 'Map (lat/lon)',
};

/** How rows that share a key (x, color, facet) become one value. */
export const AGGREGATIONS = ['none', 'sum', 'avg', 'count', 'min', 'max', 'median', 'distinct'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Order of the x categories: by x itself or by the (first) value. */
export const SORT_ORDERS = ['none', 'x-asc', 'x-desc', 'value-asc', 'value-desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Series on top of each other, and whether they are scaled to 100%. */
export const STACKINGS = ['none', 'stacked', 'percent'] as const;
export type Stacking = (typeof STACKINGS)[number];

export const NUMBER_STYLES = ['plain', 'compact', 'percent', 'currency', 'fixed'] as const;
export type NumberStyle = (typeof NUMBER_STYLES)[number];

/** How numbers read on axes, labels and tooltips. */
export interface NumberFormat {
  /** plain `1234.5`, compact `1.2K`, percent `0.25 → 25%`, currency `$1,234.50`, fixed decimals. */
  style: NumberStyle;
  /** Digits after the point (0–10); fixed and currency default to 2, compact to 1. */
  decimals?: number;
  /** ISO 4217 code for currency (default USD). */
  currency?: string;
}

export interface AxisOptions {
  title?: string;
  /** A logarithmic scale (values ≤ 0 are not drawn). */
  log?: boolean;
  min?: number;
  max?: number;
}

/** Named color palettes; a spec may also carry its own list of colors. */
export const PALETTES = {
  default: [
    '#4e79a7',
    '#f28e2b',
    '#e15759',
    '#76b7b2',
    '#59a14f',
    '#edc948',
    '#b07aa1',
    '#ff9da7',
    '#9c755f',
    '#bab0ac',
  ],
  bright: [
    '#1f77b4',
    '#ff7f0e',
    '#2ca02c',
    '#d62728',
    '#9467bd',
    '#8c564b',
    '#e377c2',
    '#7f7f7f',
    '#bcbd22',
    '#17becf',
  ],
  pastel: [
    '#8dd3c7',
    '#fdb462',
    '#bebada',
    '#fb8072',
    '#80b1d3',
    '#b3de69',
    '#fccde5',
    '#d9d9d9',
    '#bc80bd',
    '#ccebc5',
  ],
  viridis: [
    '#440154',
    '#482878',
    '#3e4989',
    '#31688e',
    '#26828e',
    '#1f9e89',
    '#35b779',
    '#6ece58',
    '#b5de2b',
    '#fde725',
  ],
  warm: ['#7f0000', '#b30000', '#d7301f', '#ef6548', '#fc8d59', '#fdbb84', '#fdd49e', '#fee8c8'],
  cool: ['#023858', '#045a8d', '#0570b0', '#3690c0', '#74a9cf', '#a6bddb', '#d0d1e6', '#ece7f2'],
  gray: ['#252525', '#525252', '#737373', '#969696', '#bdbdbd', '#d9d9d9'],
} as const satisfies Record<string, readonly string[]>;
export type PaletteName = keyof typeof PALETTES;

export interface ChartSpec {
  type: ChartType;
  /**
   * The x encoding: categories or time on the x axis, slice labels (pie, donut, funnel), the value
   * column binned by a histogram, the groups of a box plot, the outer level (treemap, sunburst), the
   * source (sankey), the date (calendar), the longitude (map). Empty where a type needs none (gauge).
   */
  x: string;
  /** Value columns: one series each. Candlestick: open, close, low, high. Map: the latitude. */
  y: string[];
  /** Combo charts: columns drawn as lines against a second y axis on the right. */
  y2?: string[];
  /**
   * A second category: splits series by its values (bar, line, area, scatter, …), the rows of a
   * heatmap, the target of a sankey, the inner level of a treemap or sunburst.
   */
  color?: string;
  /** Bubble and map: the column that sets the size of each point. */
  size?: string;
  /** Small multiples: one panel per value of this column. */
  facet?: string;
  aggregate?: Aggregation;
  sort?: SortOrder;
  /** At most this many x categories (after sorting): "top 10". */
  limit?: number;
  stacking?: Stacking;
  /** Bars along the y axis. */
  horizontal?: boolean;
  /** Histogram: how many bins (default 20). */
  bins?: number;
  xAxis?: AxisOptions;
  yAxis?: AxisOptions;
  /** The right axis of a combo chart. */
  y2Axis?: AxisOptions;
  /** Values written on bars, points and slices. */
  labels?: boolean;
  format?: NumberFormat;
  /** A named palette or a list of CSS hex colors. */
  palette?: PaletteName | string[];
  title?: string;
}

export interface ChartColumn {
  name: string;
  /** DuckDB's type name. */
  type: string;
}
