/** Blocks that build on blocks, compiled by the dependency graph and run by the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlockRunner,
  CanvasDoc,
  canvasControls,
  canvasGraph,
  DependencyGraph,
  type DuckDbEngine,
  tableToRows,
} from '@facet/engine/common';
import { createNativeEngine } from '@facet/engine/node';
import { vegaFile } from './fixtures.ts';

const rowsOf = (run: { result?: { table: Parameters<typeof tableToRows>[0] } } | undefined) =>
  run?.result ? tableToRows(run.result.table) : [];

describe('compiled block SQL on the native engine', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await createNativeEngine();
    await engine.register({ name: 'seattle-weather.csv', path: vegaFile('seattle-weather.csv') });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('re-runs what depends on a changed canvas block, with its control values', async () => {
    const canvas = new CanvasDoc();
    const base = canvas.add('sql', {
      name: 'by_weather',
      sql: 'SELECT weather, count(*) AS days FROM seattle_weather WHERE temp_max > {{hot}} GROUP BY 1',
    });
    canvas.add('sql', { name: 'top', sql: 'SELECT weather FROM by_weather ORDER BY days DESC LIMIT 1' });
    canvas.add('sql', { name: 'other', sql: 'SELECT 1 AS x' });
    const hot = canvas.add('control', { name: 'hot', control: 'number', value: 30 });
    const runner = new BlockRunner(
      engine,
      () => canvasGraph(canvas),
      () => canvasControls(canvas),
    );

    const first = await runner.runChanged('by_weather');
    expect(first.map((r) => [r.block, r.status])).toEqual([
      ['by_weather', 'done'],
      ['top', 'done'],
    ]);
    expect(rowsOf(first[1])).toEqual([{ weather: 'sun' }]);

    canvas.update(hot, { value: -100 });
    canvas.update(base, {
      sql: "SELECT weather, count(*) AS days FROM seattle_weather WHERE temp_max > {{hot}} AND weather <> 'sun' GROUP BY 1",
    });
    const second = await runner.runChanged('by_weather');
    expect(rowsOf(second[1])).toEqual([{ weather: 'rain' }]);
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

describe('BlockRunner on the native engine', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await createNativeEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('re-runs a changed block and what depends on it, in order; blocks behind a failure wait', async () => {
    let blocks = [
      { name: 'base', sql: 'SELECT range AS x FROM range(10)' },
      { name: 'doubled', sql: 'SELECT x * {{factor}} AS y FROM base' },
      { name: 'total', sql: 'SELECT sum(y) AS s FROM doubled' },
      { name: 'unrelated', sql: 'SELECT 1 AS one' },
    ];
    const runner = new BlockRunner(
      engine,
      () => new DependencyGraph(blocks),
      () => ({ factor: 2 }),
    );
    const seen: string[] = [];
    const runs = await runner.runChanged('base', (run) => seen.push(`${run.block}:${run.status}`));
    expect(seen).toEqual(['base:done', 'doubled:done', 'total:done']);
    expect(tableToRows(runs[2]!.result!.table)).toEqual([{ s: 90 }]);

    blocks = blocks.map((b) => (b.name === 'doubled' ? { ...b, sql: 'SELECT nope FROM base' } : b));
    const broken = await runner.runChanged('doubled');
    expect(broken.map((r) => r.status)).toEqual(['error', 'blocked']);
    expect(broken[1]?.error?.message).toContain('"doubled"');
  });

  it('cancels the stale run when a block changes again', async () => {
    const blocks = [
      { name: 'slow', sql: 'SELECT sum(hash(x)) AS h FROM range(10000000000) t(x) WHERE x > {{cutoff}}' },
      { name: 'after', sql: 'SELECT * FROM slow' },
    ];
    let cutoff = 0;
    const runner = new BlockRunner(
      engine,
      () => new DependencyGraph(blocks),
      () => ({ cutoff }),
    );
    const stale = runner.runChanged('slow');
    await new Promise((resolve) => setTimeout(resolve, 200));
    blocks[0] = { name: 'slow', sql: 'SELECT {{cutoff}} AS h' };
    cutoff = 7;
    const fresh = await runner.runChanged('slow');
    expect((await stale).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(fresh.map((r) => r.status)).toEqual(['done', 'done']);
    expect(tableToRows(fresh[1]!.result!.table)).toEqual([{ h: 7 }]);
  });
});
