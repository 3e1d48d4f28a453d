/**
 * Chart specs: what a chart block stores (type and encodings), and the default a fresh result gets.
 * Renderers (ECharts in packages/ui) turn a spec plus rows into a picture; the spec stays small
 * and JSON so it lives in the canvas document and diffs cleanly.
 */
import { categoryOf } from '../engine/profile.ts';

export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'pie'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartSpec {
  type: ChartType;
  /** The column on the x axis (categories or time), or the slice labels of a pie. */
  x: string;
  /** One series per column (values). */
  y: string[];
  title?: string;
  /** Bars: grouped (default) or stacked; also stacks areas. */
  stacked?: boolean;
  horizontal?: boolean;
}

export interface ChartColumn {
  name: string;
  /** DuckDB's type name. */
  type: string;
}

/**
 * A sensible chart for a result: a time column and numbers → line; a category and numbers → bars
 * (horizontal when there are many categories, so labels stay readable); two numbers → scatter.
 * Returns undefined when there is nothing to plot (no numeric column).
 */
export function recommendChart(columns: readonly ChartColumn[], rowCount: number): ChartSpec | undefined {
  const kinds = columns.map((c) => ({ name: c.name, kind: categoryOf(c.type) }));
  const numbers = kinds.filter((c) => c.kind === 'number').map((c) => c.name);
  const time = kinds.find((c) => c.kind === 'temporal');
  const text = kinds.find((c) => c.kind === 'text' || c.kind === 'boolean');
  if (numbers.length === 0) return undefined;
  if (time) return { type: 'line', x: time.name, y: numbers.slice(0, 4) };
  if (text) {
    // Bars, not a pie: a pie only reads right for parts of a whole, which types cannot tell.
    // Many categories get horizontal bars, so their labels stay readable.
    return {
      type: 'bar',
      x: text.name,
      y: numbers.slice(0, 4),
      ...(rowCount > 12 ? { horizontal: true } : {}),
    };
  }
  if (numbers.length >= 2) return { type: 'scatter', x: numbers[0] as string, y: [numbers[1] as string] };
  return { type: 'bar', x: numbers[0] as string, y: numbers.slice(0, 1) };
}

/** Checks a spec from the document (it may come from anywhere); returns undefined when unusable. */
export function readChartSpec(value: unknown): ChartSpec | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<ChartSpec>;
  if (!CHART_TYPES.includes(v.type as ChartType) || typeof v.x !== 'string') return undefined;
  if (!Array.isArray(v.y) || !v.y.every((y) => typeof y === 'string')) return undefined;
  return {
    type: v.type as ChartType,
    x: v.x,
    y: v.y,
    ...(typeof v.title === 'string' ? { title: v.title } : {}),
    ...(v.stacked === true ? { stacked: true } : {}),
    ...(v.horizontal === true ? { horizontal: true } : {}),
  };
}

/** A one-line description of a chart, for its accessible name ("Chart: bar of total by region"). */
export function describeChart(spec: ChartSpec): string {
  return `${spec.title ? `${spec.title}, ` : ''}${spec.type} of ${spec.y.join(', ')} by ${spec.x}`;
}
