import { describe, expect, it } from 'vitest';
import { CHART_TYPES } from './chart-types.ts';
import { chartQuery } from './chart-query.ts';
import { readChartSpec } from './read-chart-spec.ts';
import { switchChartType } from './switch-chart-type.ts';

const columns = [
  { name: 'city', type: 'VARCHAR' },
  { name: 'country', type: 'VARCHAR' },
  { name: 'day', type: 'DATE' },
  { name: 'temp', type: 'DOUBLE' },
  { name: 'rain', type: 'DOUBLE' },
  { name: 'wind', type: 'INTEGER' },
  { name: 'latitude', type: 'DOUBLE' },
  { name: 'longitude', type: 'DOUBLE' },
];

describe('switchChartType', () => {
  it('keeps what still applies when only the type changes', () => {
    expect(switchChartType({ type: 'bar', x: 'city', y: ['temp'] }, 'line', columns)).toEqual({
      type: 'line',
      x: 'city',
      y: ['temp'],
    });
    const styled = {
      type: 'bar' as const,
      x: 'city',
      y: ['temp'],
      title: 'T',
      palette: 'warm' as const,
      horizontal: true,
    };
    expect(switchChartType(styled, 'pie', columns)).toEqual({
      type: 'pie',
      x: 'city',
      y: ['temp'],
      title: 'T',
      palette: 'warm',
    });
  });

  it('fills what the new type needs from the columns', () => {
    const bar = { type: 'bar' as const, x: 'city', y: ['temp'], color: 'country' };
    expect(switchChartType(bar, 'histogram', columns)).toEqual({
      type: 'histogram',
      x: 'temp',
      y: [],
      color: 'country',
    });
    expect(switchChartType(bar, 'scatter', columns)).toMatchObject({ x: 'rain', y: ['temp'] });
    expect(switchChartType(bar, 'bubble', columns)).toMatchObject({ x: 'rain', y: ['temp'], size: 'wind' });
    expect(switchChartType(bar, 'map', columns)).toMatchObject({ x: 'longitude', y: ['latitude'] });
    expect(switchChartType(bar, 'calendar', columns)).toMatchObject({ x: 'day', y: ['temp'] });
    expect(switchChartType(bar, 'radar', columns)).toMatchObject({ x: 'city', y: ['temp', 'rain', 'wind'] });
    expect(switchChartType(bar, 'combo', columns)).toMatchObject({ y: ['temp'], y2: ['rain'] });
    expect(switchChartType({ type: 'bar', x: 'city', y: ['temp'] }, 'sankey', columns)).toMatchObject({
      x: 'city',
      color: 'country',
    });
    expect(switchChartType(bar, 'gauge', columns)).toEqual({ type: 'gauge', x: '', y: ['temp'] });
  });

  it('always gives a spec the document accepts and a query can be built from', () => {
    const start = {
      type: 'bar' as const,
      x: 'city',
      y: ['temp'],
      color: 'country',
      stacking: 'stacked' as const,
    };
    for (const type of CHART_TYPES) {
      const next = switchChartType(start, type, columns);
      expect(readChartSpec(next), type).toEqual(next);
      expect(() => chartQuery(next, 'src', { columns }), type).not.toThrow();
    }
  });

  it('keeps the columns it was given before the result is known', () => {
    expect(switchChartType({ type: 'bar', x: 'a', y: ['b'] }, 'area', [])).toEqual({
      type: 'area',
      x: 'a',
      y: ['b'],
    });
  });
});
