/**
 * The SQL block in a real Chromium against web mode: completion of a table name, Ctrl+Enter to
 * run, a DuckDB error underlined where it points, sorting by a header click, resizing a column,
 * and copying a range of cells to the clipboard as TSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebMode } from '../src/web/web-mode.ts';
import { haveChromium, SCREENSHOTS, startWebModeFixture, type WebModeFixture } from './browser.ts';

describe.skipIf(!haveChromium)('the SQL editor and results grid in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let fixture: WebModeFixture | undefined;
  let web: WebMode;
  let work: string;

  beforeAll(async () => {
    fixture = await startWebModeFixture('Weather');
    ({ web, browser, work } = fixture);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Reading the clipboard back needs the permission a person would grant.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(web.url).origin,
    });
  });
  afterAll(async () => {
    await context?.close();
    await fixture?.close();
  });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(web.url);
    await page.getByRole('button', { name: 'New SQL block' }).waitFor();
    const welcome = page.getByRole('dialog', { name: 'Welcome' });
    if (await welcome.isVisible()) await welcome.getByRole('button', { name: 'Skip' }).click();
    return page;
  }

  /** Replaces the editor's text (inserted as text: no keys, so no completion gets accepted). */
  async function setSql(page: Page, sql: string): Promise<void> {
    await page.getByRole('textbox', { name: 'SQL' }).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(sql);
  }

  it('completes, runs, underlines an error, sorts, resizes and copies', async () => {
    const page = await open();
    const csv = path.join(work, 'weather.csv');
    fs.writeFileSync(csv, 'city,temp\nSeattle,12.5\nLyon,18\nOslo,4\nSeattle,14.5\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import data' }).click();
    await (await chooser).setFiles(csv);
    await page.getByText('Imported weather (4 rows)').waitFor();

    // Completion offers the table (with its row count) while typing its name.
    await page.getByRole('button', { name: 'New SQL block' }).click();
    const editor = page.getByRole('textbox', { name: 'SQL' });
    await editor.click();
    await page.keyboard.type('SELECT city, temp FROM wea');
    const option = page.getByRole('listbox').getByRole('option', { name: /weather/ });
    await option.waitFor();
    expect(await option.innerText()).toMatch(/weather\s*table · 4 rows/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sql-editor-completion.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.textContent()).toBe('SELECT city, temp FROM weather');

    // Ctrl+Enter runs: rows, their count and the time.
    await page.keyboard.press('Control+Enter');
    const grid = page.getByRole('grid', { name: 'Result of query_1' });
    await grid.getByRole('gridcell', { name: 'Lyon' }).waitFor();
    await page.getByText(/^4 rows · (\d+ ms|[\d.]+ s|cached)$/).waitFor();

    // A mistyped column: DuckDB's message under the editor, the name underlined in it.
    await setSql(page, 'SELECT city,\n  tmep\nFROM weather');
    await page.keyboard.press('Control+Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'tmep' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/\(line 2, column 3\)/);
    expect(await page.locator('.cm-facet-error').allInnerTexts()).toEqual(['tmep']);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sql-editor-error.png') });
    // Editing clears it.
    await page.keyboard.type(' ');
    await expect.poll(() => alert.count()).toBe(0);
    expect(await page.locator('.cm-facet-error').count()).toBe(0);

    // Header clicks sort: ascending, then descending.
    await setSql(page, 'SELECT city, temp FROM weather');
    await page.keyboard.press('Control+Enter');
    await grid.getByRole('gridcell', { name: 'Oslo' }).waitFor();
    const temp = grid.getByRole('columnheader', { name: 'temp' });
    const column = async (index: number): Promise<string[]> =>
      grid.locator(`[role="gridcell"][aria-colindex="${index}"]`).allInnerTexts();
    await temp.click();
    expect(await temp.getAttribute('aria-sort')).toBe('ascending');
    expect(await column(2)).toEqual(['4', '12.5', '14.5', '18']);
    await temp.click();
    expect(await temp.getAttribute('aria-sort')).toBe('descending');
    expect(await column(1)).toEqual(['Lyon', 'Seattle', 'Seattle', 'Oslo']);

    // Dragging the header's edge widens the column.
    const handle = grid.getByRole('separator', { name: 'Resize column city' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    const box = await handle.boundingBox();
    if (!box) throw new Error('the resize handle is not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(before + 50);

    // A range, selected by click and Shift+click, copies as TSV in the order shown.
    await grid.getByRole('gridcell', { name: 'Lyon' }).click();
    await grid
      .locator('[role="gridcell"][aria-colindex="2"]')
      .nth(1)
      .click({ modifiers: ['Shift'] });
    expect(await grid.locator('[role="gridcell"][aria-selected="true"]').count()).toBe(4);
    await page.keyboard.press('Control+c');
    // Read in the page (this file is type-checked for Node, which has no navigator.clipboard).
    type PageClipboard = { navigator: { clipboard: { readText(): Promise<string> } } };
    const readClipboard = (): Promise<string> =>
      page.evaluate(() => (globalThis as unknown as PageClipboard).navigator.clipboard.readText());
    await expect.poll(readClipboard).toBe('Lyon\t18\nSeattle\t14.5');
    await page.getByRole('status').filter({ hasText: 'Copied 4 cells.' }).waitFor({ state: 'attached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sql-editor-grid.png') });
  }, 120_000);
});
