/** The ECharts option for bars, lines, areas, combos, points and maps (cartesian charts). */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- ECharts
   options are loose JSON-like trees; these tests read them by shape. */
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '@facet/engine/common';
import { chartTable, days } from './chart-test-data.ts';
import { echartsOption } from './echarts-option.ts';

type Opt = Record<string, any>;

const option = (
  spec: ChartSpec,
  columns: Parameters<typeof chartTable>[0],
  plot = { width: 600, height: 400 },
) => echartsOption(spec, chartTable(columns), { plot }) as Opt;

const long = {
  x: ['north', 'north', 'south', 'east'],
  color: ['2023', '2024', '2024', '2023'],
  y0: [10, 30, 20, 5],
};

describe('bars', () => {
  it('groups by a split column: one series per value, aligned on the categories, with a legend', () => {
    const o = option({ type: 'bar', x: 'region', y: ['sales'], color: 'year' }, long);
    expect(o.xAxis[0]).toMatchObject({ type: 'category', data: ['north', 'south', 'east'], name: 'region' });
    expect(o.series.map((s: Opt) => [s.type, s.name, s.data, s.stack])).toEqual([
      ['bar', '2023', [10, null, 5], undefined],
      ['bar', '2024', [30, 20, null], undefined],
    ]);
    expect(o.legend).toMatchObject({ type: 'scroll' });
    expect(o.tooltip.trigger).toBe('axis');
  });

  it('stacks, stacks to 100% and lies down', () => {
    const stacked = option(
      { type: 'bar', x: 'region', y: ['sales'], color: 'year', stacking: 'stacked' },
      long,
    );
    expect(stacked.series.every((s: Opt) => s.stack === 'total')).toBe(true);
    const percent = option(
      { type: 'bar', x: 'region', y: ['sales'], color: 'year', stacking: 'percent' },
      long,
    );
    expect(percent.series.map((s: Opt) => s.data)).toEqual([
      [25, 0, 100],
      [75, 100, 0],
    ]);
    expect(percent.yAxis[0]).toMatchObject({ max: 100 });
    expect(percent.yAxis[0].axisLabel.formatter(50)).toBe('50%');
    expect(percent.tooltip.valueFormatter(12.345)).toBe('12.3%');
    const lying = option(
      { type: 'bar', x: 'region', y: ['sales'], horizontal: true },
      { x: ['a', 'b'], y0: [1, 2] },
    );
    expect(lying.xAxis[0].type).toBe('value');
    expect(lying.yAxis[0]).toMatchObject({ type: 'category', data: ['a', 'b'], inverse: true });
  });

  it('writes numbers in the chosen format, names aggregated series and uses the palette and title', () => {
    const o = option(
      {
        type: 'bar',
        x: 'region',
        y: ['sales'],
        aggregate: 'sum',
        format: { style: 'compact' },
        labels: true,
        palette: 'warm',
        title: 'Sales',
        yAxis: { title: 'Revenue', log: true, min: 1 },
      },
      { x: ['a', 'b'], y0: [1234, 2_500_000] },
    );
    expect(o.series[0].name).toBe('sum of sales');
    expect(o.yAxis[0]).toMatchObject({ type: 'log', name: 'Revenue', min: 1 });
    expect(o.yAxis[0].axisLabel.formatter(1500)).toBe('1.5K');
    expect(o.series[0].label.formatter({ value: 2_500_000 })).toBe('2.5M');
    expect(o.tooltip.valueFormatter(1234)).toBe('1.2K');
    expect(o.color[0]).toBe('#7f0000');
    expect(o.title[0]).toMatchObject({ text: 'Sales' });
    expect(o.grid[0].top).toBeGreaterThan(30);
  });

  it('switches big bar charts to large, progressive mode', () => {
    const n = 5000;
    const o = option(
      { type: 'bar', x: 'id', y: ['v'] },
      { x: Array.from({ length: n }, (_, i) => `k${i}`), y0: Array.from({ length: n }, (_, i) => i) },
    );
    expect(o.series[0]).toMatchObject({ large: true, progressive: 5000 });
    expect(o.animation).toBe(false);
  });
});

describe('lines and areas', () => {
  it('draws time on a time axis and downsamples long series with LTTB, keeping the peaks', () => {
    const n = 50_000;
    const values = Array.from({ length: n }, (_, i) => Math.sin(i / 100));
    values[31_337] = 50;
    const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2000, 0, 1) + i * 3_600_000));
    const o = option({ type: 'line', x: 'hour', y: ['v'] }, { x: dates, y0: values });
    expect(o.xAxis[0].type).toBe('time');
    const data = o.series[0].data as [string, number][];
    expect(data.length).toBeLessThanOrEqual(4000);
    expect(data.some(([, v]) => v === 50)).toBe(true);
    expect(data[0]?.[0]).toMatch(/^2000-01-01T00:00:00/);
    expect(o.series[0]).toMatchObject({ sampling: 'lttb', showSymbol: false });
  });

  it('stacks areas of several value columns', () => {
    const o = option(
      { type: 'area', x: 'day', y: ['a', 'b'], stacking: 'stacked' },
      { x: days(3), y0: [1, 2, 3], y1: [4, 5, 6] },
    );
    expect(o.series.map((s: Opt) => [s.type, s.name, s.stack, Boolean(s.areaStyle)])).toEqual([
      ['line', 'a', 'total', true],
      ['line', 'b', 'total', true],
    ]);
    expect(o.series[1].data[0]).toEqual(['2024-01-01', 4]);
  });

  it('puts combo lines on a second y axis', () => {
    const o = option(
      { type: 'combo', x: 'month', y: ['revenue'], y2: ['margin'], y2Axis: { title: 'Margin' } },
      { x: ['jan', 'feb'], y0: [100, 120], y2_0: [0.1, 0.2] },
    );
    expect(o.yAxis).toHaveLength(2);
    expect(o.yAxis[1]).toMatchObject({ name: 'Margin' });
    expect(o.series.map((s: Opt) => [s.type, s.yAxisIndex, s.data])).toEqual([
      ['bar', 0, [100, 120]],
      ['line', 1, [0.1, 0.2]],
    ]);
  });

  it('draws small multiples: a grid per facet value on one shared scale', () => {
    const o = option(
      { type: 'line', x: 'day', y: ['v'], facet: 'city' },
      {
        x: ['1', '2', '1', '2', '1', '2'],
        facet: ['Oslo', 'Oslo', 'Lyon', 'Lyon', 'Rome', 'Rome'],
        y0: [1, 2, 3, 40, 5, 6],
      },
    );
    expect(o.grid).toHaveLength(3);
    expect(o.title.map((t: Opt) => t.text)).toEqual(['Oslo', 'Lyon', 'Rome']);
    expect(o.series.map((s: Opt) => [s.xAxisIndex, s.yAxisIndex, s.data])).toEqual([
      [0, 0, [1, 2]],
      [1, 1, [3, 40]],
      [2, 2, [5, 6]],
    ]);
    expect(o.yAxis.map((a: Opt) => [a.min, a.max])).toEqual([
      [0, 40],
      [0, 40],
      [0, 40],
    ]);
  });
});

describe('points and maps', () => {
  it('splits scatter points by color, and uses large mode for big clouds', () => {
    const o = option(
      { type: 'scatter', x: 'hp', y: ['mpg'], color: 'origin' },
      {
        x: [100, 150, 90],
        y0: [30, 15, 35],
        color: ['EU', 'US', 'EU'],
      },
    );
    expect(o.series.map((s: Opt) => [s.name, s.data])).toEqual([
      [
        'EU',
        [
          [100, 30],
          [90, 35],
        ],
      ],
      ['US', [[150, 15]]],
    ]);
    expect(o.xAxis[0]).toMatchObject({ type: 'value', scale: true });
    const n = 30_000;
    const big = option(
      { type: 'scatter', x: 'a', y: ['b'] },
      {
        x: Array.from({ length: n }, (_, i) => i),
        y0: Array.from({ length: n }, (_, i) => i % 7),
      },
    );
    expect(big.series[0]).toMatchObject({ large: true, largeThreshold: 2000, symbolSize: 3 });
  });

  it('sizes bubbles by area', () => {
    const o = option(
      { type: 'bubble', x: 'a', y: ['b'], size: 'c' },
      { x: [1, 2], y0: [1, 2], size: [100, 25] },
    );
    const size = o.series[0].symbolSize as (v: unknown[]) => number;
    expect(size([1, 1, 100])).toBe(40);
    expect(size([1, 1, 25])).toBe(22);
    expect(o.series[0].large).toBe(false);
  });

  it('maps longitude and latitude with equal-looking degrees, dropping impossible coordinates', () => {
    const o = option(
      { type: 'map', x: 'lon', y: ['lat'] },
      { x: [-122.3, -73.9, 2.35, 500], y0: [47.6, 40.7, 48.8, 10] },
      { width: 800, height: 300 },
    );
    expect(o.series[0].data).toHaveLength(3);
    const lon = o.xAxis.max - o.xAxis.min;
    const lat = o.yAxis.max - o.yAxis.min;
    // 740 px across, 252 px down, cos(44°) ≈ 0.72: the longitude span is about 4 times the latitude span.
    expect(lon / lat).toBeGreaterThan(3.2);
    expect(lon / lat).toBeLessThan(4.8);
    expect(o.xAxis.axisLabel.formatter(-122)).toBe('122°W');
    expect(o.yAxis.axisLabel.formatter(45)).toBe('45°N');
  });
});

describe('raw block results', () => {
  it('draws a block result under its own column names, unaggregated', () => {
    const o = option(
      { type: 'bar', x: 'city', y: ['temp'], color: 'year' },
      {
        city: ['Oslo', 'Lyon', 'Oslo'],
        year: ['2023', '2023', '2024'],
        temp: [4, 18, 6],
      },
    );
    expect(o.xAxis[0].data).toEqual(['Oslo', 'Lyon']);
    expect(o.series.map((s: Opt) => [s.name, s.data])).toEqual([
      ['2023', [4, 18]],
      ['2024', [6, null]],
    ]);
  });
});
