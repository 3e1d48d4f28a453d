/**
 * A new user's first minute, in Chromium against web mode: Home with the sample project, the
 * welcome, the guided tour (import → query → chart → share) followed as a person would, the PDF it
 * ends with, skipping and resuming (kept in the project), and the history panel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebMode, type WebMode } from '../src/web/web-mode.ts';
import { buildRenderer, haveChromium, launchChromium, SCREENSHOTS } from './browser.ts';

describe.skipIf(!haveChromium)('onboarding in Chromium', () => {
  let browser: Browser;
  let work: string;
  const servers: WebMode[] = [];
  const pages: Page[] = [];

  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = buildRenderer();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-tour-'));
    browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterEach(async () => {
    // Pages first: a server waits for its open connections.
    for (const page of pages.splice(0)) await page.close();
    for (const web of servers.splice(0)) await web.close();
  });
  afterAll(async () => {
    await browser?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function serve(project?: string): Promise<WebMode> {
    const web = await startWebMode({
      rendererDir,
      ...(project ? { project: path.join(work, project) } : {}),
      projectsRoot: path.join(work, 'projects'),
    });
    servers.push(web);
    return web;
  }

  async function open(web: WebMode): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => {
      throw error;
    });
    pages.push(page);
    await page.goto(web.url);
    return page;
  }

  it('follows the tour from a new project to a first chart and a shared PDF', async () => {
    const web = await serve('First.facet');
    const started = performance.now();
    const page = await open(web);
    const welcome = page.getByRole('dialog', { name: 'Welcome' });
    await welcome.getByRole('button', { name: 'Start the tour' }).click();
    const tour = page.getByRole('dialog', { name: 'Tour' });
    await tour.getByText('Bring in data').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tour-1-import.png') });

    await tour.getByRole('button', { name: 'Use sample data' }).click();
    await tour.getByText('Ask with SQL').waitFor();
    await tour.getByRole('button', { name: 'Insert an example query' }).click();
    await page.getByRole('textbox', { name: 'SQL' }).waitFor();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('grid').getByText('rain').waitFor();
    await tour.getByText('Chart the answer').waitFor();
    await page.getByRole('button', { name: 'New chart' }).click();
    const chart = page.locator('[aria-label^="Chart:"]');
    await chart.waitFor();
    const firstChartMs = performance.now() - started;
    console.log(`Scripted time to a first chart (page load → chart drawn): ${firstChartMs.toFixed(0)} ms`);
    expect(await chart.getAttribute('aria-label')).toMatch(/days by weather/);

    await tour.getByText('Share it').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tour-4-share.png') });
    await page.getByRole('button', { name: 'Share' }).click();
    const share = page.getByRole('dialog', { name: 'Share' });
    const download = page.waitForEvent('download');
    await share.getByRole('button', { name: 'Download PDF' }).click();
    const file = await (await download).path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
    await page.keyboard.press('Escape');
    // Every step is done: no tour card, no resume button.
    await expect.poll(() => tour.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Resume the tour' }).count()).toBe(0);
    const progress = web.host.current().records.onboarding();
    expect(Object.keys(progress).sort()).toEqual(['chart', 'import', 'query', 'share', 'welcome']);
  });

  it('can be skipped, stays skipped after a reload, and resumes where it stopped', async () => {
    const web = await serve('Skipper.facet');
    const page = await open(web);
    await page.getByRole('dialog', { name: 'Welcome' }).getByRole('button', { name: 'Skip' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'New SQL block' }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog', { name: 'Welcome' }).count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Tour' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume the tour' }).click();
    const tour = page.getByRole('dialog', { name: 'Tour' });
    await tour.getByText('Bring in data').waitFor();
    await tour.getByRole('button', { name: 'Next' }).click();
    await tour.getByText('Ask with SQL').waitFor();
    await tour.getByRole('button', { name: 'Skip' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Resume the tour' }).click();
    await page.getByRole('dialog', { name: 'Tour' }).getByText('Ask with SQL').waitFor();
  });

  it('opens at Home without a project, and the sample project has its charts', async () => {
    const web = await serve();
    const page = await open(web);
    await page.getByRole('heading', { name: 'Welcome to Facet' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png') });
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    const charts = page.locator('[aria-label^="Chart:"]');
    await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(2);
    await page.getByText('Seattle weather, 2012–2015').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sample-project.png') });
    // The sample starts the tour at the query step (its data is already in).
    await page.getByRole('dialog', { name: 'Tour' }).getByText('Ask with SQL').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sample-project.png') });
    expect(web.host.current().name).toBe('Seattle weather (sample)');
  });

  it('saves a version, shows what changed since, restores it, and branches from it', async () => {
    const web = await serve('History.facet');
    const page = await open(web);
    await page.getByRole('dialog', { name: 'Welcome' }).getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('First thoughts');
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('dialog', { name: 'History' });
    await history.getByRole('textbox', { name: 'Save a version' }).fill('Before the rewrite');
    await history.getByRole('button', { name: 'Save version' }).click();
    await history.getByRole('listitem', { name: 'Before the rewrite', exact: true }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'New SQL block' }).click();
    await page.getByRole('textbox', { name: 'SQL' }).fill('SELECT 42 AS answer');
    await page.getByRole('button', { name: 'History' }).click();
    const version = history.getByRole('listitem', { name: 'Before the rewrite', exact: true });
    await version.getByRole('button', { name: 'Changes' }).click();
    await history.getByText('query_1').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'history-diff.png') });
    await version.getByRole('button', { name: 'Restore' }).click();
    await history
      .getByRole('status')
      .getByText(/Restored "Before the rewrite"/)
      .waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('textbox', { name: 'SQL' }).count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept('Experiment'));
    await page.getByRole('button', { name: 'History' }).click();
    await version.getByRole('button', { name: 'Branch' }).click();
    await page.getByText('Experiment', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    await history.getByText(/This is a branch of/).waitFor();
  });
});
