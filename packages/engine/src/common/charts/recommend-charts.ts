/**
 * Sensible charts for a result, from its column types (and names): best first, then alternatives the
 * person may prefer. Deterministic rules, no model: time → line, category + number → bar, two
 * numbers → scatter, three → bubble, latitude/longitude → map, one number of many rows → histogram.
 */
import { categoryOf } from '../engine/profile.ts';
import type { ChartColumn, ChartSpec } from './chart-types.ts';

/** A column as the recommender sees it; `distinct` (approximate) sharpens the choice where known. */
export interface RecommendColumn extends ChartColumn {
  distinct?: number;
}

const LAT = /(^|[_\s])(lat|latitude)$/i;
const LON = /(^|[_\s])(lon|lng|long|longitude)$/i;

/** Ranked chart specs for a result (best first); empty when there is nothing to plot. */
export function recommendCharts(columns: readonly RecommendColumn[], rowCount: number): ChartSpec[] {
  const kinds = columns.map((c) => ({ ...c, kind: categoryOf(c.type) }));
  const numbers = kinds.filter((c) => c.kind === 'number');
  const num = numbers.map((c) => c.name);
  const time = kinds.find((c) => c.kind === 'temporal');
  const texts = kinds.filter((c) => c.kind === 'text' || c.kind === 'boolean');
  // A split column is only useful with few values; unknown cardinality counts as few.
  const splits = texts.filter((c) => c.distinct === undefined || c.distinct <= 12);
  if (num.length === 0) return [];
  const out: ChartSpec[] = [];
  const add = (spec: ChartSpec): void => {
    if (!out.some((s) => JSON.stringify(s) === JSON.stringify(spec))) out.push(spec);
  };

  const lat = numbers.find((c) => LAT.test(c.name));
  const lon = numbers.find((c) => LON.test(c.name));
  if (lat && lon) {
    const size = num.find((n) => n !== lat.name && n !== lon.name);
    add({ type: 'map', x: lon.name, y: [lat.name], ...(size ? { size } : {}) });
  }
  const ohlc = ['open', 'close', 'low', 'high'].map((n) => numbers.find((c) => c.name.toLowerCase() === n));
  const ohlcX = time ?? texts[0];
  if (ohlcX && ohlc.every((c) => c !== undefined)) {
    add({ type: 'candlestick', x: ohlcX.name, y: ohlc.map((c) => c.name) });
  }

  if (time) {
    const split = splits.find((c) => c.distinct !== undefined && c.distinct > 1);
    const repeats = time.distinct !== undefined && time.distinct < rowCount;
    if (split) add({ type: 'line', x: time.name, y: num.slice(0, 1), color: split.name, aggregate: 'sum' });
    add({
      type: 'line',
      x: time.name,
      y: num.slice(0, 4),
      ...(repeats ? { aggregate: 'sum' as const } : {}),
    });
    add({
      type: 'area',
      x: time.name,
      y: num.slice(0, 4),
      ...(num.length > 1 ? { stacking: 'stacked' } : {}),
    });
    if (/^DATE|^TIMESTAMP/i.test(time.type) && rowCount > 60) {
      add({ type: 'calendar', x: time.name, y: num.slice(0, 1), aggregate: 'sum' });
    }
    if (rowCount <= 60) add({ type: 'bar', x: time.name, y: num.slice(0, 4) });
  }

  const text = texts[0];
  if (text) {
    const many = rowCount > 50;
    const second = splits.find((c) => c.name !== text.name);
    if (second && !time) {
      add({
        type: 'bar',
        x: text.name,
        y: num.slice(0, 1),
        color: second.name,
        aggregate: 'sum',
        stacking: 'stacked',
      });
    }
    // Bars, not a pie: a pie only reads right for parts of a whole, which types cannot tell.
    // Many categories get horizontal bars, so their labels stay readable; many rows are summed
    // and the largest shown first.
    add({
      type: 'bar',
      x: text.name,
      y: num.slice(0, 4),
      ...(rowCount > 12 ? { horizontal: true } : {}),
      ...(many ? { aggregate: 'sum' as const, sort: 'value-desc' as const, limit: 50 } : {}),
    });
    if (second) {
      add({ type: 'heatmap', x: text.name, y: num.slice(0, 1), color: second.name, aggregate: 'sum' });
      add({ type: 'sankey', x: text.name, y: num.slice(0, 1), color: second.name, aggregate: 'sum' });
      add({ type: 'sunburst', x: text.name, y: num.slice(0, 1), color: second.name, aggregate: 'sum' });
    }
    if (rowCount <= 8) add({ type: 'donut', x: text.name, y: num.slice(0, 1) });
    if (rowCount <= 8) add({ type: 'pie', x: text.name, y: num.slice(0, 1) });
    if (rowCount <= 12 && num.length >= 3) add({ type: 'radar', x: text.name, y: num.slice(0, 8) });
    add({ type: 'treemap', x: text.name, y: num.slice(0, 1), aggregate: 'sum' });
    if (num.length >= 2) add({ type: 'combo', x: text.name, y: num.slice(0, 1), y2: num.slice(1, 2) });
    if (rowCount > 30) add({ type: 'boxplot', x: text.name, y: num.slice(0, 1) });
    if (rowCount <= 10) add({ type: 'funnel', x: text.name, y: num.slice(0, 1), sort: 'value-desc' });
    if (rowCount <= 30) add({ type: 'waterfall', x: text.name, y: num.slice(0, 1) });
  }

  const [n0, n1, n2] = num;
  if (n0 !== undefined && n1 !== undefined && n2 !== undefined) {
    add({ type: 'bubble', x: n0, y: [n1], size: n2, ...(splits[0] ? { color: splits[0].name } : {}) });
  }
  if (n0 !== undefined && n1 !== undefined) add({ type: 'scatter', x: n0, y: [n1] });
  if (num.length >= 3) add({ type: 'parallel', x: '', y: num.slice(0, 8) });
  if (n0 !== undefined && rowCount === 1) add({ type: 'gauge', x: '', y: [n0] });
  if (n0 !== undefined && rowCount >= 20) {
    add({ type: 'histogram', x: n0, y: [] });
    add({ type: 'boxplot', x: '', y: [n0] });
  }
  if (out.length === 0 && n0 !== undefined) add({ type: 'bar', x: n0, y: [n0] });
  return out;
}

/**
 * The best chart for a result: a time column and numbers → line; a category and numbers → bars;
 * two numbers → scatter; see recommendCharts. Undefined when there is nothing to plot.
 */
export function recommendChart(columns: readonly ChartColumn[], rowCount: number): ChartSpec | undefined {
  return recommendCharts(columns, rowCount)[0];
}
