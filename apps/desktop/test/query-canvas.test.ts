/** engine.queryCanvas over the WebSocket transport: SQL that reads canvas blocks by name. */
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { chartQuery, tableToRows } from '@facet/engine/common';
import { startHarness } from './rpc-harness.ts';
import { tempDir } from './temp-project.ts';

describe('engine.queryCanvas', () => {
  it('runs SQL over canvas blocks (and what they read), with controls, and keeps results', async () => {
    const { connect, host } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Charts' });
    const csv = path.join(tempDir(), 'sales.csv');
    fs.writeFileSync(csv, 'region,amount\nnorth,10\nsouth,20\nnorth,5\neast,1\n');
    await api.sources.import(csv);
    const [canvas] = await api.canvases.list();
    const id = canvas?.id ?? '';
    const doc = host.current().canvases.doc(id);
    doc.add('sql', { name: 'Big Sales', sql: 'SELECT * FROM sales WHERE amount >= {{floor}}' });
    doc.add('sql', {
      name: 'by_region',
      sql: 'SELECT region, sum(amount) AS total FROM "Big Sales" GROUP BY 1',
    });
    const floor = doc.add('control', { name: 'floor', control: 'number', value: 5 });

    const first = await api.engine.queryCanvas(id, 'SELECT region, total FROM by_region ORDER BY total DESC');
    expect(tableToRows(tableFromIPC(first.ipc))).toEqual([
      { region: 'south', total: 20 },
      { region: 'north', total: 15 },
    ]);
    expect(first.cached).toBe(false);
    expect(
      (await api.engine.queryCanvas(id, 'SELECT region, total FROM by_region ORDER BY total DESC')).cached,
    ).toBe(true);
    doc.update(floor, { value: 6 });
    const after = await api.engine.queryCanvas(id, 'SELECT region, total FROM by_region ORDER BY total DESC');
    expect(tableToRows(tableFromIPC(after.ipc))).toEqual([
      { region: 'south', total: 20 },
      { region: 'north', total: 10 },
    ]);

    // A chart's query, built for a block whose name needs quoting.
    const chart = chartQuery(
      { type: 'bar', x: 'region', y: ['amount'], aggregate: 'count', sort: 'value-desc' },
      'Big Sales',
    );
    const counted = await api.engine.queryCanvas(id, chart.sql);
    expect(tableToRows(tableFromIPC(counted.ipc))).toEqual([
      { x: 'north', y0: 1 },
      { x: 'south', y0: 1 },
    ]);
    // Ad-hoc queries are not block runs: nothing goes into the history.
    expect(await api.history.list()).toEqual([]);
  });

  it('answers bad SQL, unknown canvases and bad arguments with readable errors', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Errors' });
    const [canvas] = await api.canvases.list();
    const id = canvas?.id ?? '';
    await expect(api.engine.queryCanvas(id, 'SELEC 1')).rejects.toMatchObject({ code: 'SQL' });
    await expect(api.engine.queryCanvas(id, 'SELECT 1; SELECT 2')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(api.engine.queryCanvas(id, 'SELECT * FROM missing_block')).rejects.toMatchObject({
      code: 'SQL',
    });
    await expect(api.engine.queryCanvas('no-such-canvas', 'SELECT 1')).rejects.toBeDefined();
    const raw = api.engine as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await expect(raw.queryCanvas?.(id, 42)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('cancels a running canvas query by its request id', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Slow' });
    const [canvas] = await api.canvases.list();
    const slow = api.engine.queryCanvas(
      canvas?.id ?? '',
      'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range * b.range = 7',
      'chart-1',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await api.engine.cancel('chart-1')).toBe(true);
    await expect(slow).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
