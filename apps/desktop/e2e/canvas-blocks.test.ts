/**
 * Metric and control blocks, and copy/paste/duplicate of blocks, in Chromium against web mode:
 * a control feeds a parameter; changing it re-runs what reads it and the metric follows.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebMode } from '../src/web/web-mode.ts';
import { haveChromium, SCREENSHOTS, startWebModeFixture, type WebModeFixture } from './browser.ts';

describe.skipIf(!haveChromium)('metric, control and clipboard in Chromium', () => {
  let browser: Browser;
  let fixture: WebModeFixture | undefined;
  let web: WebMode;
  let page: Page;

  beforeAll(async () => {
    fixture = await startWebModeFixture('Blocks');
    ({ web, browser } = fixture);
    const project = web.host.current();
    await project.importBytes(
      'weather.csv',
      Buffer.from('city,temp\nSeattle,12.5\nLyon,18\nOslo,4\nSeattle,14.5\n'),
    );
    project.records.completeStep('welcome');
    const doc = project.canvases.doc(project.canvases.list()[0]!.id);
    doc.add('control', { name: 'min_temp', control: 'number', value: 0, x: 0, y: 0 });
    doc.add('sql', {
      name: 'warm',
      sql: 'SELECT count(*) AS days, avg(temp) AS avg_temp FROM weather WHERE temp > {{min_temp}}',
      x: 0,
      y: 160,
    });
    doc.add('metric', { source: 'warm', column: 'days', title: 'Warm days', x: 560, y: 160 });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(web.url);
    await page.getByRole('dialog', { name: 'Tour' }).getByRole('button', { name: 'Skip' }).click();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('shows a metric of a block, and a control change re-runs the block and updates the metric', async () => {
    const metric = page.getByRole('group', { name: 'Metric: Warm days' });
    await expect.poll(() => metric.textContent(), { timeout: 15_000 }).toContain('4');
    const input = page.getByRole('textbox', { name: 'min_temp' });
    await input.fill('13');
    await expect.poll(() => metric.textContent(), { timeout: 15_000 }).toMatch(/^2/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'metric-control.png') });
    expect(
      web.host
        .current()
        .canvases.doc(web.host.current().canvases.list()[0]!.id)
        .blocks()
        .find((b) => b.type === 'control'),
    ).toMatchObject({ value: 13 });
  });

  it('copies, pastes and duplicates blocks with unique names, and one undo removes a paste', async () => {
    const header = page
      .locator('.react-flow__node')
      .filter({ hasText: 'warm' })
      .first()
      .locator('.facet-block-header');
    await header.click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByText('warm_2', { exact: true }).waitFor();
    await page.keyboard.press('Control+d');
    await page.getByText('warm_3', { exact: true }).waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByText('warm_3', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'paste.png') });
  });

  it('imports files dropped on the window, showing where to drop while dragging', async () => {
    // Built in the page (a DataTransfer cannot cross from Node); the test code has no DOM types.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['fruit,kg\\napple,3\\npear,5\\n'], 'fruit.csv', { type: 'text/csv' }));
      return transfer;
    })()`);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await page.getByText('Drop files to import them').waitFor();
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await page.getByText('Imported fruit (2 rows)').waitFor();
    expect(await page.getByText('Drop files to import them').count()).toBe(0);
    await page.getByRole('region', { name: 'Data' }).getByRole('button', { name: 'Table fruit' }).waitFor();
  });
});
