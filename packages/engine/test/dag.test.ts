/** Blocks that build on blocks, compiled by the dependency graph and run by the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyGraph, type DuckDbEngine, tableToRows } from '@facet/engine/common';
import { createNativeEngine } from '@facet/engine/node';
import { vegaFile } from './fixtures.ts';

describe('compiled block SQL on the native engine', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await createNativeEngine();
    await engine.register({ name: 'seattle-weather.csv', path: vegaFile('seattle-weather.csv') });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('runs a block through the blocks it reads, with control values', async () => {
    const graph = new DependencyGraph([
      {
        name: 'Monthly',
        sql: "SELECT date_trunc('month', date) AS month, weather, sum(precipitation) AS rain FROM seattle_weather GROUP BY ALL",
      },
      {
        name: 'wet_months',
        sql: 'SELECT month, rain FROM monthly WHERE weather = {{weather}} AND rain > {{ min_rain }}',
      },
      { name: 'wettest', sql: 'SELECT count(*) AS months, round(max(rain), 1) AS most FROM wet_months;' },
    ]);
    const { sql, controls } = graph.compile('wettest');
    expect(controls).toEqual(['weather', 'min_rain']);
    const result = await engine.query(sql, { params: { weather: 'rain', min_rain: 100 } });
    const [row] = tableToRows(result.table);
    expect(row?.months).toBeGreaterThan(5);
    expect(row?.most).toBeGreaterThan(100);
    expect(
      graph.sources(
        'wettest',
        (await engine.tables()).map((t) => t.name),
      ),
    ).toEqual(['seattle_weather']);
  });
});
