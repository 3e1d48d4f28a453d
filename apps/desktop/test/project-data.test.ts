import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { tableToRows } from '@facet/engine/common';
import { reopen, tempDir, tempProject } from './temp-project.ts';

function writeCsv(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const SALES = ['region,amount', 'north,10', 'south,20', 'north,5'];

describe('Project data', () => {
  it('keeps imported data as content-addressed Parquet that outlives the original file', async () => {
    const outside = tempDir();
    const csv = writeCsv(outside, 'sales.csv', SALES);
    const project = tempProject();
    const [source] = await project.importFile(csv);
    expect(source).toMatchObject({ table: 'sales', rowCount: 3, fileName: 'sales.csv' });
    expect(source?.dataFile).toMatch(/^data\/[0-9a-f]{64}\.parquet$/);
    expect(fs.existsSync(path.join(project.dir, source?.dataFile ?? ''))).toBe(true);
    await project.close();

    fs.rmSync(csv);
    const again = reopen(project.dir);
    expect(await again.sources.check()).toMatchObject([{ table: 'sales', status: 'missing' }]);
    const engine = await again.engine();
    const result = await engine.query('SELECT sum(amount) AS total FROM sales');
    expect(tableToRows(result.table)).toEqual([{ total: 35 }]);
    expect(again.searchText('amount').map((h) => [h.kind, h.ref])).toEqual([['source', 'sales']]);
  });

  it('detects a changed original by its hash and re-imports it', async () => {
    const outside = tempDir();
    const csv = writeCsv(outside, 'sales.csv', SALES);
    const project = tempProject();
    await project.importFile(csv);
    // Touched but identical: still ok.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(csv, later, later);
    expect(await project.sources.check()).toMatchObject([{ status: 'ok' }]);

    writeCsv(outside, 'sales.csv', [...SALES, 'east,100']);
    expect(await project.sources.check()).toMatchObject([{ status: 'changed' }]);
    const [again] = await project.sources.reimport(await project.engine(), 'sales');
    expect(again?.rowCount).toBe(4);
    expect(await project.sources.check()).toMatchObject([{ status: 'ok' }]);
    // The old Parquet copy is gone; only the current one is kept.
    expect(fs.readdirSync(path.join(project.dir, 'data'))).toEqual([path.basename(again?.dataFile ?? '')]);
  });

  it('imports nothing from a bad file and keeps what was there', async () => {
    const outside = tempDir();
    const project = tempProject();
    await project.importFile(writeCsv(outside, 'sales.csv', SALES));
    const bad = path.join(outside, 'broken.parquet');
    fs.writeFileSync(bad, 'PAR1 not really parquet');
    await expect(project.importFile(bad)).rejects.toThrow();
    await expect(project.importFile(path.join(outside, 'missing.csv'))).rejects.toThrow(/not found/);
    expect(project.sources.list().map((s) => s.table)).toEqual(['sales']);
    expect(fs.readdirSync(path.join(project.dir, 'data'))).toHaveLength(1);
  });

  it('runs a block with what it reads, keeps the result, and diffs the numbers between versions', async () => {
    const outside = tempDir();
    const project = tempProject();
    await project.importFile(writeCsv(outside, 'sales.csv', SALES));
    const id = project.defaultCanvas();
    const canvas = project.canvases.doc(id);
    canvas.add('sql', {
      name: 'by_region',
      sql: 'SELECT region, sum(amount) AS total FROM sales GROUP BY 1',
    });
    const top = canvas.add('sql', {
      name: 'top',
      sql: 'SELECT * FROM by_region WHERE total > {{min_total}} ORDER BY region',
    });
    const control = canvas.add('control', { name: 'min_total', control: 'number', value: 0 });

    const first = await project.runs.run(id, canvas, 'top');
    expect(first.cached).toBe(false);
    expect(tableToRows(tableFromIPC(first.ipc))).toEqual([
      { region: 'north', total: 15 },
      { region: 'south', total: 20 },
    ]);
    expect((await project.runs.run(id, canvas, 'top')).cached).toBe(true);
    const v1 = project.history.create(id, { message: 'all regions' });

    canvas.update(top, {
      sql: 'SELECT region, total * 2 AS total FROM by_region WHERE total > {{min_total}} ORDER BY region',
    });
    canvas.update(control, { value: 16 });
    await project.runs.run(id, canvas, 'top');
    const changes = project.runs.compare(project.history.docAt(id, v1.id), canvas, 'top');
    expect(changes).toMatchObject({
      rowsBefore: 2,
      rowsAfter: 1,
      changedCells: 2,
      examples: [
        { row: 0, column: 'region', before: 'north', after: 'south' },
        { row: 0, column: 'total', before: 15, after: 40 },
      ],
    });
    // The version diff carries the same comparison for every SQL block with both results stored.
    expect(project.diff(id, v1.id).results).toEqual([{ id: top, block: 'top', changes }]);
    expect(project.records.history({ limit: 5 }).map((h) => h.block)).toEqual(['top', 'top']);

    canvas.update(top, { sql: 'SELECT nope FROM by_region' });
    await expect(project.runs.run(id, canvas, 'top')).rejects.toThrow(/nope/);
    expect(project.records.history({ limit: 1 })[0]?.error).toMatch(/nope/);
  });

  it('imports concurrently without losing a file, and survives a missing Parquet copy', async () => {
    const outside = tempDir();
    const project = tempProject();
    await Promise.all([
      project.importFile(writeCsv(outside, 'a.csv', ['x', '1'])),
      project.importFile(writeCsv(outside, 'b.csv', ['y', '2', '3'])),
    ]);
    const files = fs.readdirSync(path.join(project.dir, 'data'));
    expect(
      project.sources
        .list()
        .map((s) => path.basename(s.dataFile))
        .sort(),
    ).toEqual(files.sort());
    const lost = project.sources.get('a')?.dataFile ?? '';
    await project.close();

    fs.rmSync(path.join(project.dir, lost));
    const again = reopen(project.dir);
    const engine = await again.engine();
    expect(tableToRows((await engine.query('SELECT count(*) AS n FROM b')).table)).toEqual([{ n: 2 }]);
    expect(again.records.notifications()).toMatchObject([
      { kind: 'source-missing', title: 'Table a could not be loaded' },
    ]);
    await again.removeSource('a');
    expect(again.sources.list().map((s) => s.table)).toEqual(['b']);
  });
});
