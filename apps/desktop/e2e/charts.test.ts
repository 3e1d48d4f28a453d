/**
 * Charts end to end in web mode, in a real Chromium: every chart type draws from a real result
 * without an error, the type select and the settings panel edit the chart (and the document), and
 * Export downloads a real PNG. One web-mode server and one page for the whole file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_TYPE_LABELS, CHART_TYPES, type CanvasDoc, readChartSpec } from '@facet/engine/common';
import type { WebMode } from '../src/web/web-mode.ts';
import { haveChromium, SCREENSHOTS, startWebModeFixture, type WebModeFixture } from './browser.ts';

// The vega-datasets package hides its data folder from `exports`; it sits beside build/.
const CARS = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vega-datasets')),
  '..',
  'data',
  'cars.json',
);

describe.skipIf(!haveChromium)('charts in web mode', () => {
  let browser: Browser;
  let fixture: WebModeFixture | undefined;
  let web: WebMode;
  let page: Page;
  let doc: CanvasDoc;
  let block: Locator;
  const errors: string[] = [];

  beforeAll(async () => {
    fixture = await startWebModeFixture('Cars');
    ({ web, browser } = fixture);
    const project = web.host.current();
    await project.importFile(CARS);
    doc = project.canvases.doc(project.defaultCanvas());
    doc.add('sql', {
      name: 'cars_q',
      sql: 'SELECT Name, Origin, Year, Miles_per_Gallon, Horsepower, Weight_in_lbs, Acceleration, Cylinders FROM cars',
      x: 720,
      y: 0,
    });
    doc.add('chart', {
      source: 'cars_q',
      spec: { type: 'bar', x: 'Origin', y: ['Miles_per_Gallon'], aggregate: 'avg' },
      x: 0,
      y: 0,
      w: 640,
      h: 420,
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(web.url);
    // A new project greets with a welcome card or a tour; neither is what this file tests.
    await page
      .getByRole('dialog', { name: /^(Welcome|Tour)$/ })
      .getByRole('button', { name: 'Skip' })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    block = page.locator('.facet-chart-block');
    await page.locator('[aria-label^="Chart:"]').waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const label = (): Promise<string | null> =>
    page.locator('[aria-label^="Chart:"]').getAttribute('aria-label');
  const spec = () => readChartSpec(doc.blocks().find((b) => b.type === 'chart')?.spec);
  /** Waits until the chart shows its current spec (drawn or failed). */
  const settled = () => expect.poll(() => block.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');

  it('draws every chart type from a real result without an error', async () => {
    await settled();
    expect(await label()).toBe('Chart: bar of avg(Miles_per_Gallon) by Origin');
    for (const type of CHART_TYPES) {
      await page.getByRole('combobox', { name: 'Chart type' }).click();
      await page.getByRole('option', { name: CHART_TYPE_LABELS[type], exact: true }).click();
      await expect.poll(() => spec()?.type).toBe(type);
      await settled();
      expect(await block.getByRole('alert').allInnerTexts(), type).toEqual([]);
      await expect.poll(label).toMatch(new RegExp(`^Chart: ${type}( |$)`));
      expect(await block.locator('canvas').first().boundingBox(), type).not.toBeNull();
      if (['bar', 'map', 'sankey', 'calendar'].includes(type)) {
        await block.screenshot({ path: path.join(SCREENSHOTS, `chart-${type}.png`) });
      }
    }
    expect(errors).toEqual([]);
  }, 240_000);

  it('changes the type with the select and an encoding in the settings panel, both into the document', async () => {
    await page.getByRole('combobox', { name: 'Chart type' }).click();
    await page.getByRole('option', { name: 'Bar', exact: true }).click();
    await expect.poll(() => spec()?.type).toBe('bar');
    await settled();
    await page.getByRole('button', { name: 'Chart settings' }).click();
    const panel = page.getByRole('dialog', { name: 'Chart settings' });
    await panel.getByRole('combobox', { name: 'X axis' }).click();
    await page.getByRole('option', { name: 'Origin', exact: true }).click();
    await panel.getByRole('combobox', { name: 'Aggregation' }).click();
    await page.getByRole('option', { name: 'Maximum', exact: true }).click();
    await panel.getByRole('combobox', { name: 'Split by' }).click();
    await page.getByRole('option', { name: 'Cylinders', exact: true }).click();
    await expect
      .poll(() => spec())
      .toMatchObject({ type: 'bar', x: 'Origin', aggregate: 'max', color: 'Cylinders' });
    await expect.poll(label).toMatch(/^Chart: bar of max\(.+\) by Origin and Cylinders$/);
    await settled();
    await page.waitForTimeout(1000); // ECharts animates new bars in
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chart-settings.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await settled();
    expect(await block.getByRole('alert').count()).toBe(0);
  });

  it('draws again when the SQL it reads changes', async () => {
    const source = doc.blocks().find((b) => b.type === 'sql');
    const sql = source?.type === 'sql' ? source.sql : '';
    doc.update(source?.id ?? '', { sql: `${sql} WHERE Origin = 'Atlantis'` });
    await block.getByText('No rows to chart.').waitFor({ timeout: 20_000 });
    doc.update(source?.id ?? '', { sql });
    await block.locator('[aria-label^="Chart:"]').waitFor({ timeout: 20_000 });
    await settled();
    expect(await block.getByText('No rows to chart.').count()).toBe(0);
  });

  it('exports the chart as a PNG at twice its size', async () => {
    await block.getByRole('button', { name: 'Export' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'PNG' }).click();
    const file = await (await download).path();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: the width, big-endian, right after the signature and the chunk header. The chart is
    // the 640 px block less its padding, drawn at two pixels per CSS pixel.
    const width = bytes.readUInt32BE(16);
    expect(width).toBeGreaterThan(2 * 560);
    expect(width).toBeLessThanOrEqual(2 * 640);
    expect(errors).toEqual([]);
  });
});
