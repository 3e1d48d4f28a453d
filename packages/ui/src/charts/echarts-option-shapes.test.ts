/** The ECharts option for parts of a whole, statistics, flows and measures (non-cartesian shapes). */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- ECharts
   options are loose JSON-like trees; these tests read them by shape. */
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '@facet/engine/common';
import { chartTable, days } from './chart-test-data.ts';
import { echartsOption } from './echarts-option.ts';

type Opt = Record<string, any>;

const option = (spec: ChartSpec, columns: Parameters<typeof chartTable>[0]) =>
  echartsOption(spec, chartTable(columns), { plot: { width: 600, height: 400 } }) as Opt;

describe('parts of a whole', () => {
  it('draws pies and donuts, folding slices past twelve into "Other"', () => {
    const names = Array.from({ length: 15 }, (_, i) => `s${i}`);
    const pie = option({ type: 'pie', x: 'k', y: ['v'] }, { x: names, y0: names.map((_, i) => 15 - i) });
    const data = pie.series[0].data as { name: string; value: number }[];
    expect(data).toHaveLength(12);
    expect(data.at(-1)).toEqual({ name: 'Other', value: 3 + 2 + 1 + 4 });
    expect(pie.series[0].radius[0]).toBe(0);
    expect(pie.tooltip.trigger).toBe('item');
    const donut = option({ type: 'donut', x: 'k', y: ['v'], labels: true }, { x: ['a', 'b'], y0: [1, 3] });
    expect(donut.series[0].radius[0]).toBeGreaterThan(0);
    expect(donut.series[0].label.formatter({ name: 'b', value: 3, percent: 75 })).toBe('b: 3 (75%)');
    const faceted = option(
      { type: 'pie', x: 'k', y: ['v'], facet: 'f' },
      { x: ['a', 'b', 'a'], facet: ['1', '1', '2'], y0: [1, 2, 3] },
    );
    expect(faceted.series).toHaveLength(2);
    expect(faceted.title.map((t: Opt) => t.text)).toEqual(['1', '2']);
  });

  it('nests a treemap and a sunburst by the color column, and keeps funnel order when sorted', () => {
    const columns = { x: ['EU', 'EU', 'US'], color: ['FR', 'DE', 'CA'], y0: [2, 3, 4] };
    const tree = option({ type: 'treemap', x: 'region', y: ['n'], color: 'country' }, columns);
    expect(tree.series[0].data).toEqual([
      {
        name: 'EU',
        value: 5,
        children: [
          { name: 'FR', value: 2 },
          { name: 'DE', value: 3 },
        ],
      },
      { name: 'US', value: 4, children: [{ name: 'CA', value: 4 }] },
    ]);
    expect(option({ type: 'sunburst', x: 'region', y: [], color: 'country' }, columns).series[0].type).toBe(
      'sunburst',
    );
    const funnel = option({ type: 'funnel', x: 'stage', y: ['n'] }, { x: ['visit', 'buy'], y0: [100, 10] });
    expect(funnel.series[0]).toMatchObject({ type: 'funnel', sort: 'descending' });
    expect(
      option({ type: 'funnel', x: 's', y: ['n'], sort: 'x-asc' }, { x: ['a'], y0: [1] }).series[0].sort,
    ).toBe('none');
  });

  it('shows one value on a gauge with a round maximum', () => {
    const o = option({ type: 'gauge', x: '', y: ['score'], format: { style: 'percent' } }, { y0: [0.83] });
    expect(o.series[0]).toMatchObject({ type: 'gauge', min: 0, max: 1 });
    // A gauge sums its column unless told otherwise.
    expect(o.series[0].data).toEqual([{ value: 0.83, name: 'sum of score' }]);
    expect(o.series[0].detail.formatter(0.83)).toBe('83%');
  });
});

describe('statistics', () => {
  it('fills empty histogram bins and labels bins by their start', () => {
    const o = option(
      { type: 'histogram', x: 'temp', y: [], bins: 4 },
      { x: [0, 30], x_end: [10, 40], y0: [5, 2] },
    );
    expect(o.xAxis[0].data).toEqual(['0', '10', '20', '30']);
    expect(o.series[0].data).toEqual([5, 0, 0, 2]);
    expect(o.series[0].stack).toBe('total');
  });

  it('draws box plots with whiskers, quartiles and outliers', () => {
    const o = option(
      { type: 'boxplot', x: 'city', y: ['wind'] },
      {
        x: ['Oslo', 'Lyon'],
        q1_0: [2, 3],
        med_0: [3, 4],
        q3_0: [4, 5],
        lo_0: [1, 2],
        hi_0: [6, 7],
        out_0: [[12, 13], []],
      },
    );
    expect(o.xAxis.data).toEqual(['Oslo', 'Lyon']);
    expect(o.series[0]).toMatchObject({
      type: 'boxplot',
      data: [
        [1, 2, 3, 4, 6],
        [2, 3, 4, 5, 7],
      ],
    });
    expect(o.series[1]).toMatchObject({
      type: 'scatter',
      data: [
        ['Oslo', 12],
        ['Oslo', 13],
      ],
    });
    const one = option(
      { type: 'boxplot', x: '', y: ['a', 'b'] },
      {
        q1_0: [1],
        med_0: [2],
        q3_0: [3],
        lo_0: [0],
        hi_0: [4],
        out_0: [[9]],
        q1_1: [5],
        med_1: [6],
        q3_1: [7],
        lo_1: [4],
        hi_1: [8],
        out_1: [[]],
      },
    );
    expect(one.xAxis.data).toEqual(['a', 'b']);
    expect(one.series[0].data).toEqual([
      [0, 1, 2, 3, 4],
      [4, 5, 6, 7, 8],
    ]);
    expect(one.series[1].data).toEqual([['a', 9]]);
  });

  it('draws candlesticks in open, close, low, high order with a zoom slider for long histories', () => {
    const n = 200;
    const o = option(
      { type: 'candlestick', x: 'day', y: ['o', 'c', 'l', 'h'] },
      {
        x: days(n),
        y0: Array.from({ length: n }, () => 10),
        y1: Array.from({ length: n }, () => 12),
        y2: Array.from({ length: n }, () => 9),
        y3: Array.from({ length: n }, () => 13),
      },
    );
    expect(o.series[0].data[0]).toEqual([10, 12, 9, 13]);
    expect(o.xAxis.data[0]).toBe('2024-01-01');
    expect(o.dataZoom[0].type).toBe('slider');
  });

  it('floats waterfall steps on the running total, also across zero', () => {
    const o = option(
      { type: 'waterfall', x: 'step', y: ['change'] },
      { x: ['start', 'costs', 'refund'], y0: [5, -8, 1] },
    );
    const byName = (name: string) => o.series.filter((s: Opt) => s.name === name).map((s: Opt) => s.data);
    expect(o.xAxis.data).toEqual(['start', 'costs', 'refund', 'Total']);
    // The refund lifts -3 to -2: a bar below zero hanging from -2.
    expect(byName('base')).toEqual([[0, null, -2, null]]);
    // "costs" goes from 5 down to -3: drawn as 5 above zero and -3 below.
    expect(byName('Decrease')).toEqual([
      [null, -3, null, null],
      [null, 5, null, null],
    ]);
    expect(byName('Increase')).toEqual([
      [5, null, null, null],
      [null, null, -1, null],
    ]);
    expect(byName('Total')).toEqual([[null, null, null, -2]]);
    expect(o.tooltip.formatter([{ dataIndex: 1 }])).toBe('costs: -8');
    expect(
      option({ type: 'waterfall', x: 's', y: ['v'] }, { x: ['<b>x</b>'], y0: [1] }).tooltip.formatter([
        { dataIndex: 0 },
      ]),
    ).toBe('&#60;b&#62;x&#60;/b&#62;: 1');
  });
});

describe('flows and measures', () => {
  it('draws a heatmap of x by the color column with a color scale', () => {
    const o = option(
      { type: 'heatmap', x: 'hour', y: ['n'], color: 'day' },
      { x: ['1', '2', '1'], color: ['mon', 'mon', 'tue'], y0: [3, 9, 1] },
    );
    expect(o.series[0].data).toEqual([
      [0, 0, 3],
      [1, 0, 9],
      [0, 1, 1],
    ]);
    expect(o.yAxis.data).toEqual(['mon', 'tue']);
    expect(o.visualMap).toMatchObject({ min: 1, max: 9 });
  });

  it('lays out a calendar per year', () => {
    const o = option(
      { type: 'calendar', x: 'day', y: ['rain'] },
      {
        x: [new Date(Date.UTC(2023, 11, 31)), new Date(Date.UTC(2024, 0, 1))],
        y0: [1, 2],
      },
    );
    expect(o.calendar.map((c: Opt) => c.range)).toEqual(['2023', '2024']);
    expect(o.series.map((s: Opt) => [s.coordinateSystem, s.calendarIndex, s.data])).toEqual([
      ['calendar', 0, [['2023-12-31', 1]]],
      ['calendar', 1, [['2024-01-01', 2]]],
    ]);
  });

  it('draws sankey flows, separating targets when flows would loop', () => {
    const dag = option(
      { type: 'sankey', x: 'from', y: ['n'], color: 'to' },
      { x: ['a', 'b'], color: ['b', 'c'], y0: [1, 2] },
    );
    expect(dag.series[0].data.map((d: Opt) => d.name)).toEqual(['a', 'b', 'c']);
    const loop = option(
      { type: 'sankey', x: 'from', y: ['n'], color: 'to' },
      { x: ['LAX', 'SEA'], color: ['SEA', 'LAX'], y0: [5, 4] },
    );
    expect(loop.series[0].links).toEqual([
      { source: 'LAX', target: 'SEA ›', value: 5 },
      { source: 'SEA', target: 'LAX ›', value: 4 },
    ]);
  });

  it('draws radar shapes over indicators, and parallel coordinates with a category axis', () => {
    const radar = option(
      { type: 'radar', x: 'team', y: ['a', 'b', 'c'] },
      { x: ['red', 'blue'], y0: [1, 2], y1: [30, 40], y2: [5, 9] },
    );
    expect(radar.radar.indicator).toEqual([
      { name: 'a', max: 2.5 },
      { name: 'b', max: 50 },
      { name: 'c', max: 10 },
    ]);
    expect(radar.series[0].data).toEqual([
      { name: 'red', value: [1, 30, 5] },
      { name: 'blue', value: [2, 40, 9] },
    ]);
    const parallel = option(
      { type: 'parallel', x: 'origin', y: ['mpg', 'hp'], color: 'origin' },
      {
        x: ['EU', 'US'],
        color: ['EU', 'US'],
        y0: [30, 15],
        y1: [90, 150],
      },
    );
    expect(parallel.parallelAxis.map((a: Opt) => [a.dim, a.name, a.type])).toEqual([
      [0, 'origin', 'category'],
      [1, 'mpg', 'value'],
      [2, 'hp', 'value'],
    ]);
    expect(parallel.series.map((s: Opt) => [s.name, s.data])).toEqual([
      ['EU', [['EU', 30, 90]]],
      ['US', [['US', 15, 150]]],
    ]);
  });
});
