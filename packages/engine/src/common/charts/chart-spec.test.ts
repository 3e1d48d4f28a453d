import { describe, expect, it } from 'vitest';
import { describeChart, readChartSpec, recommendChart } from './chart-spec.ts';

describe('recommendChart', () => {
  it('picks a line over time, bars over categories, and a scatter for two numbers', () => {
    expect(
      recommendChart(
        [
          { name: 'month', type: 'DATE' },
          { name: 'rain', type: 'DOUBLE' },
        ],
        12,
      ),
    ).toEqual({
      type: 'line',
      x: 'month',
      y: ['rain'],
    });
    expect(
      recommendChart(
        [
          { name: 'city', type: 'VARCHAR' },
          { name: 'n', type: 'BIGINT' },
        ],
        40,
      ),
    ).toMatchObject({
      type: 'bar',
      x: 'city',
      horizontal: true,
    });
    expect(
      recommendChart(
        [
          { name: 'weather', type: 'VARCHAR' },
          { name: 'days', type: 'BIGINT' },
        ],
        5,
      ),
    ).toEqual({ type: 'bar', x: 'weather', y: ['days'] });
    expect(
      recommendChart(
        [
          { name: 'hp', type: 'INTEGER' },
          { name: 'mpg', type: 'DOUBLE' },
        ],
        400,
      ),
    ).toEqual({
      type: 'scatter',
      x: 'hp',
      y: ['mpg'],
    });
    expect(recommendChart([{ name: 'name', type: 'VARCHAR' }], 3)).toBeUndefined();
  });

  it('reads specs written before encodings existed', () => {
    expect(readChartSpec({ type: 'bar', x: 'a', y: ['b'], stacked: true })).toEqual({
      type: 'bar',
      x: 'a',
      y: ['b'],
      stacking: 'stacked',
    });
    expect(readChartSpec({ type: 'pie', x: 'a', y: ['b'], title: 'Share', horizontal: false })).toEqual({
      type: 'pie',
      x: 'a',
      y: ['b'],
      title: 'Share',
    });
  });

  it('describes a chart in one line for its accessible name', () => {
    expect(describeChart({ type: 'bar', x: 'region', y: ['total'] })).toBe('bar of total by region');
    expect(describeChart({ type: 'bar', x: 'region', y: [], aggregate: 'count' })).toBe(
      'bar of count by region',
    );
    expect(
      describeChart({ type: 'line', x: 'day', y: ['sales'], aggregate: 'sum', color: 'shop', facet: 'year' }),
    ).toBe('line of sum(sales) by day and shop, per year');
    expect(describeChart({ type: 'histogram', x: 'price', y: [], title: 'Prices' })).toBe(
      'Prices, histogram of price',
    );
    expect(describeChart({ type: 'gauge', x: '', y: ['score'] })).toBe('gauge of score');
    expect(describeChart({ type: 'combo', x: 'm', y: ['revenue'], y2: ['margin'] })).toBe(
      'combo of revenue, margin by m',
    );
  });
});
