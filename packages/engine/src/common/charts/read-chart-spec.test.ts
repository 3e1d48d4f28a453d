import { describe, expect, it } from 'vitest';
import { CHART_TYPES } from './chart-types.ts';
import { readChartSpec } from './read-chart-spec.ts';

describe('readChartSpec', () => {
  it('keeps every well-formed field', () => {
    const spec = {
      type: 'combo',
      x: 'month',
      y: ['revenue'],
      y2: ['margin'],
      color: 'region',
      size: 'n',
      facet: 'year',
      aggregate: 'median',
      sort: 'value-desc',
      limit: 10,
      stacking: 'percent',
      horizontal: true,
      bins: 30,
      xAxis: { title: 'Month' },
      yAxis: { title: 'Revenue', log: true, min: 1, max: 1000 },
      y2Axis: { min: 0 },
      labels: false,
      format: { style: 'currency', decimals: 0, currency: 'EUR' },
      palette: 'viridis',
      title: 'Revenue and margin',
    };
    expect(readChartSpec(spec)).toEqual(spec);
    expect(readChartSpec({ type: 'bar', x: 'a', y: ['b'], palette: ['#fff', '#12345678'] })).toMatchObject({
      palette: ['#fff', '#12345678'],
    });
    for (const type of CHART_TYPES) expect(readChartSpec({ type, x: '', y: [] })?.type).toBe(type);
  });

  it('rejects what cannot be drawn', () => {
    for (const bad of [
      null,
      undefined,
      'bar',
      42,
      [],
      ['bar'],
      { type: 'nope', x: 'a', y: [] },
      { type: 'constructor', x: 'a', y: [] },
      { type: '__proto__', x: 'a', y: [] },
      { type: 'bar', x: 1, y: [] },
      { type: 'bar', y: ['b'] },
      { type: 'bar', x: 'a', y: [2] },
      { type: 'bar', x: 'a', y: 'b' },
      { type: 'bar', x: 'a', y: [null] },
      { type: 'bar', x: 'a'.repeat(10_000), y: [] },
      { type: 'bar', x: 'a', y: Array.from({ length: 1000 }, (_, i) => `c${i}`) },
    ]) {
      expect(readChartSpec(bad), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
    }
  });

  it('drops malformed optional fields and keeps the chart', () => {
    const read = readChartSpec({
      type: 'bar',
      x: 'a',
      y: ['b'],
      y2: 'c',
      color: 7,
      size: '',
      facet: { evil: true },
      aggregate: 'sum; DROP TABLE x',
      sort: 'sideways',
      limit: 1e9,
      stacking: 'diagonal',
      horizontal: 'yes',
      bins: 2.5,
      xAxis: { title: 5, log: 'yes', min: 'a' },
      yAxis: { min: 10, max: 1 },
      y2Axis: [1, 2],
      labels: 'on',
      format: { style: 'roman', decimals: 3 },
      palette: 'rainbow',
      title: ['x'],
      extra: 'ignored',
    });
    expect(read).toEqual({ type: 'bar', x: 'a', y: ['b'] });
    expect(
      readChartSpec({
        type: 'bar',
        x: 'a',
        y: [],
        format: { style: 'fixed', decimals: 99, currency: 'dollars' },
        palette: ['#fff', 'red', 'url(javascript:alert(1))'],
        limit: 0,
        bins: -1,
      }),
    ).toEqual({ type: 'bar', x: 'a', y: [], format: { style: 'fixed' } });
    expect(readChartSpec({ type: 'line', x: 'a', y: [], xAxis: { min: Infinity, max: NaN } })).toEqual({
      type: 'line',
      x: 'a',
      y: [],
    });
  });

  it('never throws, whatever it is given', () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
      },
    );
    const getter = {
      type: 'bar',
      x: 'a',
      get y(): string[] {
        throw new Error('boom');
      },
    };
    const cyclic: Record<string, unknown> = { type: 'bar', x: 'a', y: ['b'] };
    cyclic.xAxis = cyclic;
    cyclic.format = cyclic;
    const polluted: unknown = JSON.parse(
      '{"type":"bar","x":"a","y":["b"],"__proto__":{"polluted":true},"palette":"__proto__"}',
    );
    expect(readChartSpec(throwing)).toBeUndefined();
    expect(readChartSpec(getter)).toBeUndefined();
    expect(readChartSpec(cyclic)).toEqual({ type: 'bar', x: 'a', y: ['b'] });
    const read = readChartSpec(polluted);
    expect(read).toEqual({ type: 'bar', x: 'a', y: ['b'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const huge = { type: 'scatter', x: 'a', y: ['b'], title: 'x'.repeat(5_000_000), color: 'c'.repeat(501) };
    expect(readChartSpec(huge)).toEqual({ type: 'scatter', x: 'a', y: ['b'] });
  });
});
