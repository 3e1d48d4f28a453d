/**
 * The rows of a chart query (see chartQuery: fixed column names x, color, facet, y0, …) as plain
 * arrays the option builders read, and the pivot that turns long rows (x, color, value) into one
 * aligned array per series.
 */
import { Table, type Vector } from 'apache-arrow';
import {
  CHART_FIELDS,
  type ChartSpec,
  categoryOf,
  duckdbTypeForArrow,
  type JsValue,
  valueField,
  vectorToValues,
  y2Field,
} from '@facet/engine/common';

export type AxisKind = 'category' | 'time' | 'value';

export interface ChartData {
  rows: number;
  x: JsValue[];
  xKind: AxisKind;
  color: JsValue[] | undefined;
  facet: JsValue[] | undefined;
  size: (number | null)[] | undefined;
  ys: (number | null)[][];
  y2s: (number | null)[][];
  /** Any other column by name (box plot statistics, histogram bin ends). */
  column(name: string): JsValue[];
}

/** Reads a chart query's result. `yCount`/`y2Count`: how many value columns the spec asked for. */
export function readChartData(table: Table, yCount: number, y2Count: number): ChartData {
  const values = (name: string): JsValue[] | undefined => {
    const vector: Vector | null = table.getChild(name);
    return vector ? vectorToValues(vector) : undefined;
  };
  const field = table.schema.fields.find((f) => f.name === CHART_FIELDS.x);
  const category = field ? categoryOf(duckdbTypeForArrow(field.type)) : 'text';
  const sizes = values(CHART_FIELDS.size);
  return {
    rows: table.numRows,
    x: values(CHART_FIELDS.x) ?? Array.from({ length: table.numRows }, () => null),
    xKind: category === 'temporal' ? 'time' : category === 'number' ? 'value' : 'category',
    color: values(CHART_FIELDS.color),
    facet: values(CHART_FIELDS.facet),
    size: sizes?.map(toNumber),
    ys: Array.from({ length: Math.max(1, yCount) }, (_, i) => (values(valueField(i)) ?? []).map(toNumber)),
    y2s: Array.from({ length: y2Count }, (_, i) => (values(y2Field(i)) ?? []).map(toNumber)),
    column: (name) => values(name) ?? [],
  };
}

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A category as text: NULL shows as "NULL", so it stays distinct from the text "null". */
export function label(value: JsValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export interface Pivot {
  /** x values in the order rows first showed them (the query's order). */
  categories: JsValue[];
  series: { name: string; values: (number | null)[] }[];
}

/**
 * Long rows → one aligned array per series: a series per value column, or per (color value, value
 * column) with a split. With a split, an (x, split) pair seen twice keeps its first value (rows that
 * were not aggregated); without one, rows are taken as they are.
 */
export function pivot(
  data: ChartData,
  rows: readonly number[],
  names: readonly string[],
  ys = data.ys,
): Pivot {
  // Without a split every row is a point of every series, repeated x values included.
  if (!data.color) {
    return {
      categories: rows.map((r) => data.x[r] ?? null),
      series: ys.map((column, k) => ({
        name: names[k] ?? `y${k}`,
        values: rows.map((r) => column[r] ?? null),
      })),
    };
  }
  const index = new Map<string, number>();
  const categories: JsValue[] = [];
  const cells = new Map<string, { name: string; values: (number | null)[] }>();
  for (const r of rows) {
    const x = data.x[r] ?? null;
    const key = label(x);
    let at = index.get(key);
    if (at === undefined) {
      at = categories.length;
      index.set(key, at);
      categories.push(x);
    }
    ys.forEach((column, i) => {
      const base = names[i] ?? `y${i}`;
      const name = data.color
        ? ys.length > 1
          ? `${label(data.color[r])} · ${base}`
          : label(data.color[r])
        : base;
      let series = cells.get(name);
      if (!series) {
        series = { name, values: [] };
        cells.set(name, series);
      }
      if (series.values[at] === undefined) series.values[at] = column[r] ?? null;
    });
  }
  const series = [...cells.values()]
    .sort((a, b) => compareLabels(a.name, b.name))
    .map((s) => ({
      name: s.name,
      values: Array.from({ length: categories.length }, (_, i) => s.values[i] ?? null),
    }));
  return { categories, series };
}

/** Row indices grouped by facet value (in order of appearance); one group of all rows without a facet. */
export function facetGroups(data: ChartData, max: number): { name: string; rows: number[] }[] {
  const all = Array.from({ length: data.rows }, (_, i) => i);
  if (!data.facet) return [{ name: '', rows: all }];
  const groups = new Map<string, number[]>();
  for (const r of all) {
    const key = label(data.facet[r]);
    const group = groups.get(key);
    if (group) group.push(r);
    else if (groups.size < max) groups.set(key, [r]);
  }
  return [...groups].map(([name, rows]) => ({ name, rows }));
}

/** The smallest and largest finite number (without spreading big arrays into Math.min). */
export function extent(values: Iterable<number | null | undefined>): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders split values the way people read them: "2" before "10", "NULL" last. */
export function compareLabels(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'NULL') return 1;
  if (b === 'NULL') return -1;
  return collator.compare(a, b);
}

/**
 * A chart query's result as it is; a block's raw result (columns under their own names, as older
 * callers pass it) renamed to the chart query's columns, unaggregated. Histograms and box plots need
 * their query's statistics and draw nothing from raw rows.
 */
export function asChartResult(spec: ChartSpec, table: Table): Table {
  if (table.getChild(valueField(0)) || table.getChild('q1_0')) return table;
  const vectors: Record<string, Vector> = {};
  const take = (alias: string, column: string | undefined): void => {
    const vector: Vector | null = column ? table.getChild(column) : null;
    if (vector) vectors[alias] = vector;
  };
  take(CHART_FIELDS.x, spec.x);
  take(CHART_FIELDS.color, spec.color);
  take(CHART_FIELDS.facet, spec.facet);
  take(CHART_FIELDS.size, spec.size);
  spec.y.forEach((y, i) => take(valueField(i), y));
  (spec.y2 ?? []).forEach((y, i) => take(y2Field(i), y));
  return new Table(vectors);
}
