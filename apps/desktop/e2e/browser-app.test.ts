/**
 * The browser app end to end, in a real Chromium: no host process, only the static files of
 * `npm run build:web` behind a tiny static server. DuckDB-WASM runs in a Web Worker in the page;
 * projects live in IndexedDB and OPFS. Import a file through the file chooser, write SQL, read the
 * answer in the grid, export it, chart it (and the chart as PNG), undo/redo, search, reload and
 * find everything kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { read } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet, tableToRows } from '@facet/engine/common';
import {
  type BrowserApp,
  createProject,
  download,
  expectNoCspViolations,
  gridRows,
  importFile,
  opfsFiles,
  runSql,
  SLOW,
  startBrowserApp,
} from './browser-app-kit.ts';
import { haveChromium, SCREENSHOTS } from './browser.ts';

describe.skipIf(!haveChromium)('the browser app in Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports a file, queries, exports, charts, undoes, searches, and keeps it all after a reload', async () => {
    const context = await app.profile();
    const started = performance.now();
    const page = await app.open(context);
    await page.getByText('Welcome to Facet').waitFor();
    const homeMs = performance.now() - started;
    await createProject(page, 'Weather');

    const csv = path.join(app.work, 'weather.csv');
    fs.writeFileSync(csv, 'city,temp\nSeattle,12.5\nLyon,18\nOslo,4\nSeattle,14.5\n');
    await importFile(page, csv);
    await page.getByText('Imported weather (4 rows)').waitFor();
    const data = page.getByRole('region', { name: 'Data' });
    await data.getByRole('button', { name: 'Table weather' }).click();
    const columns = data.getByRole('tree', { name: 'Columns of weather' });
    await columns.getByText('temp').waitFor();
    const items = await columns.getByRole('treeitem').allInnerTexts();
    expect(items.map((t) => t.split(/\s+/).join(' '))).toEqual(['city VARCHAR', 'temp DOUBLE']);
    await columns.getByText('temp').click();
    await data
      .getByLabel('Profile of temp')
      .getByText(/min 4 · max 18/)
      .waitFor();

    await runSql(page, 'SELECT city, avg(temp) AS avg_temp FROM weather GROUP BY city ORDER BY city');
    await page.getByRole('grid').getByRole('gridcell', { name: 'Lyon' }).waitFor();
    expect(await gridRows(page)).toEqual([
      ['city', 'avg_temp'],
      ['Lyon', '18'],
      ['Oslo', '4'],
      ['Seattle', '13.5'],
    ]);
    const engineMs = await page.evaluate(
      () => performance.getEntriesByName('facet:engine-start')[0]?.duration ?? -1,
    );
    expect(engineMs).toBeGreaterThan(0);
    console.info(
      `browser app: Home in ${Math.round(homeMs)} ms; DuckDB-WASM started in ${Math.round(engineMs)} ms`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-run.png') });

    // Every export format, written in the page.
    expect((await download(page, 'CSV')).toString('utf8').trim().split('\n')).toEqual([
      'city,avg_temp',
      'Lyon,18.0',
      'Oslo,4.0',
      'Seattle,13.5',
    ]);
    const expected = [
      { city: 'Lyon', avg_temp: 18 },
      { city: 'Oslo', avg_temp: 4 },
      { city: 'Seattle', avg_temp: 13.5 },
    ];
    expect(tableToRows(await readParquet(new Uint8Array(await download(page, 'Parquet'))))).toEqual(expected);
    expect(JSON.parse((await download(page, 'JSON')).toString('utf8'))).toEqual(expected);
    const book = read(await download(page, 'Excel (.xlsx)'), { type: 'buffer' });
    expect((book.Sheets.Result?.A2 as { v?: unknown } | undefined)?.v).toBe('Lyon');

    // "New chart" charts the block's result; its type can change; undo and redo take it back and forth.
    await page.getByRole('button', { name: 'New chart' }).click();
    const chart = page.locator('[aria-label^="Chart:"]');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toBe('Chart: bar of avg_temp by city');
    await page.getByRole('combobox', { name: 'Chart type' }).click();
    await page.getByRole('option', { name: 'line' }).click();
    await expect.poll(() => chart.getAttribute('aria-label'), SLOW).toBe('Chart: line of avg_temp by city');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-chart.png') });
    const chartNode = page.locator('.react-flow__node').filter({ has: chart });
    const png = await download(page, 'PNG', chartNode);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width from the IHDR chunk
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => chart.getAttribute('aria-label'), SLOW).toBe('Chart: bar of avg_temp by city');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => chart.count(), SLOW).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => chart.getAttribute('aria-label'), SLOW).toBe('Chart: line of avg_temp by city');

    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).waitFor();
    await page.keyboard.type('# Findings\n\nLyon is **warmest**.');
    await page.getByRole('button', { name: 'Done' }).click();

    // Ctrl+K searches the project (the index lives in the page); picking a hit selects the block.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search' }).fill('warmest');
    const results = page.getByRole('listbox', { name: 'Results' });
    await results.getByRole('option').first().waitFor();
    expect(await results.locator('mark').allInnerTexts()).toEqual(['warmest']);
    await page.getByRole('textbox', { name: 'Search' }).fill('avg_temp');
    await results.getByRole('option', { name: /query_1/ }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-search.png') });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.react-flow__node.selected').innerText(), SLOW)
      .toContain('query_1');

    // A reload finds the project, its data, SQL, chart and note where they were.
    const reloaded = performance.now();
    await page.reload();
    await expect.poll(() => page.title(), SLOW).toBe('Weather — Facet');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'SQL' }).textContent(), SLOW)
      .toContain('GROUP BY city');
    const canvasMs = performance.now() - reloaded;
    await page.getByRole('button', { name: 'Run' }).click();
    // The kept result answers at once; DuckDB is not even needed for it.
    await page.getByRole('grid').getByRole('gridcell', { name: 'Seattle' }).waitFor();
    await page.getByText('3 rows · cached').waitFor();
    const answerMs = performance.now() - reloaded;
    const engineStart = (): Promise<number> =>
      page.evaluate(() => performance.getEntriesByName('facet:engine-start')[0]?.duration ?? -1);
    await expect.poll(engineStart, SLOW).toBeGreaterThan(0);
    console.info(
      `browser app after a reload: canvas in ${Math.round(canvasMs)} ms, the kept answer in ${Math.round(answerMs)} ms, ` +
        `DuckDB-WASM started again in ${Math.round(await engineStart())} ms`,
    );
    expect(await page.locator('[aria-label^="Chart:"]').getAttribute('aria-label')).toBe(
      'Chart: line of avg_temp by city',
    );
    await page.getByLabel('Note text').getByRole('heading', { name: 'Findings' }).waitFor();
    await page.getByRole('region', { name: 'Data' }).getByRole('button', { name: 'Table weather' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-reload.png') });
    // The imported file's bytes are in OPFS, once, by hash.
    const stored = await opfsFiles(page);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{16}\/[0-9a-f]{64}$/);
    await expectNoCspViolations(page);
    await context.close();
  }, 180_000);
});
