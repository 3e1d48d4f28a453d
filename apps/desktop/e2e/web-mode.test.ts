/**
 * Web mode end to end, in a real Chromium: import a file through the file chooser, add a SQL
 * block, write SQL, run it and read the answer in the grid; then reload and find it all again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebMode } from '../src/web/web-mode.ts';
import { haveChromium, SCREENSHOTS, startWebModeFixture, type WebModeFixture } from './browser.ts';

describe.skipIf(!haveChromium)('web mode in Chromium', () => {
  let browser: Browser;
  let fixture: WebModeFixture | undefined;
  let web: WebMode;
  let work: string;

  beforeAll(async () => {
    fixture = await startWebModeFixture('Weather');
    ({ web, browser, work } = fixture);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(web.url);
    await page.getByRole('button', { name: 'New SQL block' }).waitFor();
    return page;
  }

  it('imports a CSV, runs SQL in a block, shows the rows in the grid, and keeps it all after a reload', async () => {
    const page = await open();
    const csv = path.join(work, 'weather.csv');
    fs.writeFileSync(csv, 'city,temp\nSeattle,12.5\nLyon,18\nOslo,4\nSeattle,14.5\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import data' }).click();
    await (await chooser).setFiles(csv);
    await page.getByText('Imported weather (4 rows)').waitFor();
    // The data panel lists the table; opening it shows its columns and types.
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

    await page.getByRole('button', { name: 'New SQL block' }).click();
    const editor = page.getByRole('textbox', { name: 'SQL' });
    await editor.click();
    await page.keyboard.type('SELECT city, avg(temp) AS avg_temp FROM weather GROUP BY city ORDER BY city');
    await page.getByRole('button', { name: 'Run' }).click();

    const grid = page.getByRole('grid');
    await grid.getByRole('gridcell', { name: 'Lyon' }).waitFor();
    const rows = [await grid.getByRole('columnheader').allTextContents()];
    for (const row of await grid
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell') })
      .all()) {
      rows.push(await row.getByRole('gridcell').allTextContents());
    }
    expect(rows).toEqual([
      ['city', 'avg_temp'],
      ['Lyon', '18'],
      ['Oslo', '4'],
      ['Seattle', '13.5'],
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-run.png') });

    // Export downloads the result as a file.
    await page.getByRole('button', { name: 'Export' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'CSV' }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toEqual([
      'city,avg_temp',
      'Lyon,18.0',
      'Oslo,4.0',
      'Seattle,13.5',
    ]);

    // "New chart" charts the block's result with a sensible default (a bar per city).
    await page.getByRole('button', { name: 'New chart' }).click();
    const chart = page.locator('[aria-label^="Chart:"]');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toBe('Chart: bar of avg_temp by city');
    await page.getByRole('combobox', { name: 'Chart type' }).click();
    await page.getByRole('option', { name: 'line' }).click();
    await expect.poll(() => chart.getAttribute('aria-label')).toBe('Chart: line of avg_temp by city');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-chart.png') });

    // Undo takes the chart type back, then the chart itself; redo restores both.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => chart.getAttribute('aria-label')).toBe('Chart: bar of avg_temp by city');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => chart.count()).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => chart.getAttribute('aria-label')).toBe('Chart: line of avg_temp by city');

    // A note renders markdown; HTML in it stays text and never runs.
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).waitFor();
    await page.keyboard.type('# Findings\n\nLyon is **warmest**. <img src=x onerror="window.hacked=1">');
    await page.getByRole('button', { name: 'Done' }).click();
    const note = page.getByLabel('Note text');
    await note.getByRole('heading', { name: 'Findings' }).waitFor();
    expect(await note.locator('strong').innerText()).toBe('warmest');
    expect(await note.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { hacked?: number }).hacked)).toBeUndefined();

    // Ctrl+K searches the project; picking a hit selects that block on the canvas.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search' }).fill('warmest');
    const results = page.getByRole('listbox', { name: 'Results' });
    await results.getByRole('option').first().waitFor();
    expect(await results.locator('mark').allInnerTexts()).toEqual(['warmest']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-palette.png') });
    await page.getByRole('textbox', { name: 'Search' }).fill('avg_temp');
    await results.getByRole('option', { name: /query_1/ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node.selected').innerText()).toContain('query_1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-search.png') });

    // Everything was stored by the host: a reload shows the same block and SQL.
    await page.reload();
    try {
      await page.getByRole('textbox', { name: 'SQL' }).waitFor();
    } catch (error) {
      // This wait timed out once under full-suite load in CI and never alone: keep what the page showed.
      await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-reload-timeout.png') });
      console.error(
        `after the reload the page showed: ${(await page.locator('body').innerText()).slice(0, 2000)}`,
      );
      throw error;
    }
    await expect
      .poll(() => page.getByRole('textbox', { name: 'SQL' }).textContent())
      .toContain('GROUP BY city');
    await page.getByRole('button', { name: 'Run' }).click();
    await grid.getByRole('gridcell', { name: 'Seattle' }).waitFor();
    expect(await page.locator('[aria-label^="Chart:"]').getAttribute('aria-label')).toBe(
      'Chart: line of avg_temp by city',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-reload.png') });
    await page.getByLabel('Note text').getByRole('heading', { name: 'Findings' }).waitFor();
    // Every keystroke reached the host before the reload: nothing was waiting in the page.
    const project = web.host.current();
    const stored = project.canvases
      .doc(project.defaultCanvas())
      .blocks()
      .find((b) => b.type === 'text');
    expect(stored?.type === 'text' && stored.text).toBe(
      '# Findings\n\nLyon is **warmest**. <img src=x onerror="window.hacked=1">',
    );

    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await page.getByRole('region', { name: 'Data' }).getByRole('button', { name: 'Table weather' }).click();
    await page.getByRole('tree', { name: 'Columns of weather' }).getByText('city').click();
    await page.getByLabel('Profile of city').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-dark.png') });

    // Projects: create a second one (the page switches to it), then open the first again.
    await page.getByRole('button', { name: 'Projects' }).click();
    await page.getByRole('textbox', { name: 'New project' }).fill('Second');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.title()).toBe('Second — Facet');
    await page.getByText('No data yet.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Projects' }).click();
    const list = page.getByRole('list', { name: 'Projects' });
    await list.getByRole('listitem', { name: 'Weather' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-mode-projects.png'), animations: 'disabled' });
    await list.getByRole('listitem', { name: 'Weather' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('Weather — Facet');
    await page.getByRole('region', { name: 'Data' }).getByRole('button', { name: 'Table weather' }).waitFor();
  }, 120_000);
});
