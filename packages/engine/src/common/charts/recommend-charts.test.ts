import { describe, expect, it } from 'vitest';
import { recommendCharts } from './recommend-charts.ts';

const col = (name: string, type: string, distinct?: number) => ({
  name,
  type,
  ...(distinct !== undefined ? { distinct } : {}),
});

describe('recommendCharts', () => {
  it('ranks a line first for time, with area, calendar and bars as alternatives', () => {
    const daily = recommendCharts([col('day', 'DATE'), col('rain', 'DOUBLE')], 1461);
    expect(daily.map((s) => s.type)).toEqual(['line', 'area', 'calendar', 'histogram', 'boxplot']);
    expect(daily[2]).toEqual({ type: 'calendar', x: 'day', y: ['rain'], aggregate: 'sum' });
    const monthly = recommendCharts([col('month', 'DATE'), col('a', 'DOUBLE'), col('b', 'DOUBLE')], 12);
    expect(monthly.map((s) => s.type)).toEqual(['line', 'area', 'bar', 'scatter']);
    expect(monthly[1]).toMatchObject({ stacking: 'stacked', y: ['a', 'b'] });
  });

  it('splits a time series by a category with few values, and sums repeated times', () => {
    const stocks = recommendCharts(
      [col('symbol', 'VARCHAR', 5), col('date', 'DATE', 123), col('price', 'DOUBLE')],
      560,
    );
    expect(stocks[0]).toEqual({ type: 'line', x: 'date', y: ['price'], color: 'symbol', aggregate: 'sum' });
    expect(stocks[1]).toEqual({ type: 'line', x: 'date', y: ['price'], aggregate: 'sum' });
    const names = recommendCharts(
      [col('name', 'VARCHAR', 400), col('date', 'DATE', 400), col('v', 'INTEGER')],
      400,
    );
    expect(names[0]).toEqual({ type: 'line', x: 'date', y: ['v'] });
  });

  it('charts categories as bars (summed, largest first when there are many rows) with part-of-whole alternatives', () => {
    const few = recommendCharts([col('fruit', 'VARCHAR'), col('kg', 'BIGINT')], 5);
    expect(few.map((s) => s.type)).toEqual(['bar', 'donut', 'pie', 'treemap', 'funnel', 'waterfall']);
    const many = recommendCharts([col('city', 'VARCHAR'), col('sales', 'DECIMAL(18,2)')], 5000);
    expect(many[0]).toEqual({
      type: 'bar',
      x: 'city',
      y: ['sales'],
      horizontal: true,
      aggregate: 'sum',
      sort: 'value-desc',
      limit: 50,
    });
    expect(many.map((s) => s.type)).toContain('boxplot');
    const two = recommendCharts([col('origin', 'VARCHAR'), col('dest', 'VARCHAR'), col('n', 'INTEGER')], 300);
    expect(two.map((s) => s.type).slice(0, 5)).toEqual(['bar', 'bar', 'heatmap', 'sankey', 'sunburst']);
    expect(two[0]).toMatchObject({ color: 'dest', stacking: 'stacked' });
    const radar = recommendCharts(
      [col('team', 'VARCHAR'), col('a', 'INTEGER'), col('b', 'INTEGER'), col('c', 'INTEGER')],
      4,
    );
    expect(radar.map((s) => s.type)).toContain('radar');
    expect(radar.find((s) => s.type === 'combo')).toEqual({ type: 'combo', x: 'team', y: ['a'], y2: ['b'] });
  });

  it('uses scatter for two numbers, bubble for three, histogram for one, gauge for a single value', () => {
    expect(recommendCharts([col('hp', 'INTEGER'), col('mpg', 'DOUBLE')], 400)[0]?.type).toBe('scatter');
    expect(recommendCharts([col('a', 'DOUBLE'), col('b', 'DOUBLE'), col('c', 'DOUBLE')], 400)[0]).toEqual({
      type: 'bubble',
      x: 'a',
      y: ['b'],
      size: 'c',
    });
    expect(
      recommendCharts([col('a', 'DOUBLE'), col('b', 'DOUBLE'), col('c', 'DOUBLE')], 400).map((s) => s.type),
    ).toEqual(['bubble', 'scatter', 'parallel', 'histogram', 'boxplot']);
    expect(recommendCharts([col('price', 'DOUBLE')], 10_000)[0]).toEqual({
      type: 'histogram',
      x: 'price',
      y: [],
    });
    expect(recommendCharts([col('total', 'HUGEINT')], 1)[0]).toEqual({ type: 'gauge', x: '', y: ['total'] });
    expect(recommendCharts([col('n', 'INTEGER')], 5)[0]).toEqual({ type: 'bar', x: 'n', y: ['n'] });
  });

  it('maps latitude and longitude, and draws candlesticks for open/high/low/close', () => {
    const airports = recommendCharts(
      [col('iata', 'VARCHAR'), col('latitude', 'DOUBLE'), col('longitude', 'DOUBLE'), col('elev', 'INTEGER')],
      3000,
    );
    expect(airports[0]).toEqual({ type: 'map', x: 'longitude', y: ['latitude'], size: 'elev' });
    expect(recommendCharts([col('dest_lat', 'DOUBLE'), col('dest_lng', 'DOUBLE')], 10)[0]).toMatchObject({
      type: 'map',
      x: 'dest_lng',
    });
    // "plat" and "along" are not coordinates.
    expect(recommendCharts([col('plat', 'DOUBLE'), col('along', 'DOUBLE')], 10)[0]?.type).toBe('scatter');
    const prices = recommendCharts(
      ['Open', 'High', 'Low', 'Close'].map((n) => col(n, 'DOUBLE')).concat(col('day', 'DATE')),
      250,
    );
    expect(prices[0]).toEqual({ type: 'candlestick', x: 'day', y: ['Open', 'Close', 'Low', 'High'] });
  });

  it('returns nothing to plot without numbers, and never repeats a spec', () => {
    expect(recommendCharts([], 0)).toEqual([]);
    expect(recommendCharts([col('a', 'VARCHAR'), col('b', 'BLOB')], 10)).toEqual([]);
    const specs = recommendCharts([col('t', 'TIMESTAMP'), col('c', 'VARCHAR'), col('v', 'DOUBLE')], 20);
    expect(new Set(specs.map((s) => JSON.stringify(s))).size).toBe(specs.length);
  });
});
