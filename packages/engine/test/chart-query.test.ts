/**
 * Chart queries (aggregation, top-N, binning, quartiles, sampling) run on the real native DuckDB
 * engine, through the same compile step a canvas uses (the source block becomes a CTE). Expected
 * values are computed here in JavaScript from the raw rows, not by SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChartColumn,
  chartQuery,
  type ChartSpec,
  DependencyGraph,
  type DuckDbEngine,
  type JsValue,
  tableToRows,
} from '@facet/engine/common';
import { createNativeEngine } from '@facet/engine/node';
import { vegaFile } from './fixtures.ts';

type Row = Record<string, JsValue>;

describe('chart queries on the native engine', () => {
  let engine: DuckDbEngine;
  let weather: Row[];
  let columns: ChartColumn[];
  // A block name and a column name that need quoting (and would break naive SQL).
  const block = 'weather "daily"; --';
  const blockSql = 'SELECT *, weather AS "kind ""of"" day", 1 AS one FROM seattle_weather';

  beforeAll(async () => {
    engine = await createNativeEngine();
    await engine.register({ name: 'seattle-weather.csv', path: vegaFile('seattle-weather.csv') });
    const all = await engine.query(blockSql);
    weather = tableToRows(all.table);
    columns = all.columns.map((c) => ({ name: c.name, type: c.type }));
  });
  afterAll(async () => {
    await engine?.close();
  });

  /** Runs a chart spec the way queryCanvas does: the chart's SQL with the block compiled in. */
  async function run(spec: ChartSpec, maxRows?: number, others: string[] = []): Promise<Row[]> {
    const query = chartQuery(spec, block, { columns, ...(maxRows ? { maxRows } : {}) });
    const graph = new DependencyGraph([
      { name: block, sql: blockSql },
      ...others.map((name) => ({ name, sql: 'SELECT 1 AS one' })),
      { name: '__chart', sql: query.sql },
    ]);
    return tableToRows((await engine.query(graph.compile('__chart').sql)).table);
  }

  const sumBy = (rows: Row[], key: (r: Row) => string, value: (r: Row) => number): Map<string, number> => {
    const out = new Map<string, number>();
    for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
    return out;
  };

  it('sums by category, sorts by value and keeps the top N', async () => {
    const rows = await run({
      type: 'bar',
      x: 'kind "of" day',
      y: ['precipitation'],
      aggregate: 'sum',
      sort: 'value-desc',
      limit: 3,
    });
    const expected = [
      ...sumBy(
        weather,
        (r) => String(r.weather),
        (r) => Number(r.precipitation),
      ),
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3);
    expect(rows.map((r) => r.x)).toEqual(expected.map(([k]) => k));
    rows.forEach((r, i) => expect(r.y0).toBeCloseTo(expected[i]?.[1] ?? NaN, 6));
  });

  it('splits by a color column, ranks categories by their total and limits categories, not rows', async () => {
    const rows = await run({
      type: 'bar',
      x: 'weather',
      y: [],
      color: 'kind "of" day',
      sort: 'value-asc',
      limit: 2,
    });
    const counts = [
      ...sumBy(
        weather,
        (r) => String(r.weather),
        () => 1,
      ),
    ].sort((a, b) => a[1] - b[1]);
    expect([...new Set(rows.map((r) => r.x))]).toEqual(counts.slice(0, 2).map(([k]) => k));
    expect(rows.every((r) => r.x === r.color)).toBe(true);
    expect(rows.map((r) => r.y0)).toEqual(counts.slice(0, 2).map(([, n]) => n));
  });

  it('averages per facet and x, every aggregation gives what JavaScript computes', async () => {
    const year = (r: Row) => String(r.date).slice(0, 4);
    const rows = await run({ type: 'line', x: 'weather', y: ['temp_max'], facet: 'date', aggregate: 'max' });
    expect(rows.length).toBeGreaterThan(100);
    const sunny2012 = weather.filter((r) => year(r) === '2012' && r.weather === 'sun');
    const first = rows.find((r) => r.facet === sunny2012[0]?.date && r.x === 'sun');
    expect(first?.y0).toBe(sunny2012[0]?.temp_max);

    for (const [aggregate, compute] of [
      ['avg', (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length],
      ['min', (v: number[]) => Math.min(...v)],
      ['count', (v: number[]) => v.length],
      ['distinct', (v: number[]) => new Set(v).size],
      [
        'median',
        (v: number[]) => {
          const s = [...v].sort((a, b) => a - b);
          const m = Math.floor(s.length / 2);
          return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
        },
      ],
    ] as const) {
      const got = await run({ type: 'bar', x: 'weather', y: ['wind'], aggregate, sort: 'x-asc' });
      const groups = new Map<string, number[]>();
      for (const r of weather)
        groups.set(String(r.weather), [...(groups.get(String(r.weather)) ?? []), Number(r.wind)]);
      const keys = [...groups.keys()].sort();
      expect(
        got.map((r) => r.x),
        aggregate,
      ).toEqual(keys);
      got.forEach((r, i) => expect(r.y0, aggregate).toBeCloseTo(compute(groups.get(keys[i] ?? '') ?? []), 6));
    }
  });

  it('bins a histogram over the whole range in nice steps, and every row lands in one bin', async () => {
    const rows = await run({ type: 'histogram', x: 'temp_max', y: [], bins: 12 });
    const temps = weather.map((r) => Number(r.temp_max));
    const [lo, hi] = [Math.min(...temps), Math.max(...temps)];
    const width = Number(rows[0]?.x_end) - Number(rows[0]?.x);
    // (35.6 - -1.6) / 12 = 3.1 → bins 5 wide, starting at -5.
    expect(width).toBe(5);
    expect(rows[0]?.x).toBe(-5);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows.every((r) => Number(r.x) % 5 === 0)).toBe(true);
    expect(rows.reduce((n, r) => n + Number(r.y0), 0)).toBe(temps.length);
    expect(Number(rows[0]?.x)).toBeLessThanOrEqual(lo);
    expect(Number(rows.at(-1)?.x_end)).toBeGreaterThanOrEqual(hi);
    const split = await run({ type: 'histogram', x: 'temp_max', y: [], bins: 5, color: 'weather' });
    expect(new Set(split.map((r) => r.color)).size).toBe(5);
    expect(split.reduce((n, r) => n + Number(r.y0), 0)).toBe(temps.length);
    // One value: one bin.
    const one = await run({ type: 'histogram', x: 'one', y: [] });
    expect(one).toEqual([{ x: 1, x_end: 2, y0: weather.length }]);
  });

  it('computes box plot quartiles, Tukey whiskers and outliers per group', async () => {
    const [sun] = (await run({ type: 'boxplot', x: 'weather', y: ['wind'] })).filter((r) => r.x === 'sun');
    const winds = weather
      .filter((r) => r.weather === 'sun')
      .map((r) => Number(r.wind))
      .sort((a, b) => a - b);
    const quantile = (p: number): number => {
      const at = (winds.length - 1) * p;
      const lo = winds[Math.floor(at)] as number;
      return lo + ((winds[Math.ceil(at)] as number) - lo) * (at - Math.floor(at));
    };
    const [q1, q3] = [quantile(0.25), quantile(0.75)];
    expect(sun?.q1_0).toBeCloseTo(q1, 9);
    expect(sun?.q3_0).toBeCloseTo(q3, 9);
    const hi = q3 + 1.5 * (q3 - q1);
    expect(sun?.hi_0).toBe(Math.max(...winds.filter((w) => w <= hi)));
    expect([...((sun?.out_0 as number[]) ?? [])].sort((a, b) => a - b)).toEqual(winds.filter((w) => w > hi));
  });

  it('samples point clouds to the cap (one row more tells it was cut), and counts rows without a value', async () => {
    const sampled = await run({ type: 'scatter', x: 'temp_min', y: ['temp_max'] }, 100);
    expect(sampled).toHaveLength(101);
    const line = await run({ type: 'line', x: 'date', y: ['temp_max'] }, 200);
    expect(line).toHaveLength(201);
    const dates = line.map((r) => String(r.x));
    expect(dates).toEqual([...dates].sort());
    const [gauge] = await run({ type: 'gauge', x: '', y: [] });
    expect(gauge).toEqual({ y0: weather.length });
    const calendar = await run({ type: 'calendar', x: 'date', y: ['precipitation'] });
    expect(calendar).toHaveLength(weather.length);
    expect(calendar[0]).toEqual({ x: weather[0]?.date, y0: weather[0]?.precipitation });
  });

  it('keeps the latest candles in date order', async () => {
    const rows = await run(
      { type: 'candlestick', x: 'date', y: ['temp_min', 'temp_max', 'wind', 'precipitation'] },
      10,
    );
    expect(rows.map((r) => r.x)).toEqual(weather.slice(-11).map((r) => r.date));
  });

  it('runs beside blocks named like the words the query uses', async () => {
    const others = ['t', 'u', 's', 'x', 'y0', 'v', 'q', 'd', 'weather'];
    const bars = await run(
      {
        type: 'bar',
        x: 'weather',
        y: ['wind'],
        color: 'weather',
        sort: 'value-desc',
        limit: 2,
        aggregate: 'avg',
      },
      undefined,
      others,
    );
    expect(bars).toHaveLength(2);
    const bins = await run({ type: 'histogram', x: 'wind', y: [] }, undefined, others);
    expect(bins.reduce((n, r) => n + Number(r.y0), 0)).toBe(weather.length);
    expect(await run({ type: 'boxplot', x: '', y: ['wind'] }, undefined, others)).toHaveLength(1);
  });

  it('rejects specs that cannot run with a readable error', () => {
    expect(() => chartQuery({ type: 'bar', x: 'nope', y: ['wind'] }, block, { columns })).toThrow(
      /column "nope"/,
    );
    expect(() => chartQuery({ type: 'radar', x: 'weather', y: ['wind'] }, block)).toThrow(
      /needs 3 value columns/,
    );
    expect(() => chartQuery({ type: 'bar', x: '', y: ['wind'] }, block)).toThrow(/Pick a column/);
  });
});
