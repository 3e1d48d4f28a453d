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

  it('reads only well-formed specs from a document', () => {
    expect(readChartSpec({ type: 'bar', x: 'a', y: ['b'], stacked: true })).toEqual({
      type: 'bar',
      x: 'a',
      y: ['b'],
      stacked: true,
    });
    for (const bad of [
      null,
      'bar',
      { type: 'nope', x: 'a', y: [] },
      { type: 'bar', x: 1, y: [] },
      { type: 'bar', x: 'a', y: [2] },
    ]) {
      expect(readChartSpec(bad)).toBeUndefined();
    }
    expect(describeChart({ type: 'bar', x: 'region', y: ['total'] })).toBe('bar of total by region');
  });
});
