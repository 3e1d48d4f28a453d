/**
 * `npm run bench:ui`: the app in Chromium against web mode, measured the way a person meets it.
 *   cold start      new browser context → the toolbar answers (goal ≤ 1.5 s)
 *   first chart     the guided tour followed as a new user: load → sample data → query → chart (≤ 5 s)
 *   grid scroll     frame times scrolling a 1M-row result (goal 60 fps: p95 ≤ 16.7 ms)
 *   chart redraw    switching the type of a chart of 1M points (goal ≤ 100 ms)
 *   canvas pan      frame times dragging a 200-block canvas (goal 60 fps)
 * Timings are printed, never asserted: these machines are shared (the load is reported).
 * Options: --runs N (default 3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, launchChromium } from '../../apps/desktop/e2e/browser.ts';
import { startWebMode, type WebMode } from '../../apps/desktop/src/web/web-mode.ts';
import { formatMs, median } from '../engine/stats.ts';
import { REDRAWN, scrollGrid, START_FRAMES, STOP_FRAMES, watchChartRedraw } from './page-scripts.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs) || 3);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-bench-ui-'));
let serial = 0;
let rendererDir: string | undefined;

async function serve(setup?: (web: WebMode) => Promise<void> | void): Promise<WebMode> {
  const web = await startWebMode({
    ...(rendererDir ? { rendererDir } : {}),
    project: path.join(work, `P${++serial}.facet`),
    projectsRoot: path.join(work, 'projects'),
  });
  await setup?.(web);
  return web;
}

async function withPage<T>(browser: Browser, web: WebMode, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    return await work(page);
  } finally {
    await context.close();
  }
}

function canvasDoc(web: WebMode) {
  const project = web.host.current();
  project.records.completeStep('welcome');
  return project.canvases.doc(project.canvases.list()[0]!.id);
}

async function coldStart(browser: Browser): Promise<number> {
  const web = await serve();
  try {
    return await withPage(browser, web, async (page) => {
      await page.goto(web.url);
      await page.getByRole('button', { name: 'New SQL block' }).waitFor();
      return await page.evaluate<number>('performance.now()');
    });
  } finally {
    await web.close();
  }
}

async function firstChart(browser: Browser): Promise<number> {
  const web = await serve();
  try {
    return await withPage(browser, web, async (page) => {
      await page.goto(web.url);
      await page.getByRole('button', { name: 'Start the tour' }).click();
      const tour = page.getByRole('dialog', { name: 'Tour' });
      await tour.getByRole('button', { name: 'Use sample data' }).click();
      await tour.getByRole('button', { name: 'Insert an example query' }).click();
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await tour.getByText('Chart the answer').waitFor();
      await page.getByRole('button', { name: 'New chart' }).click();
      await page.locator('[aria-label^="Chart:"]').waitFor();
      return await page.evaluate<number>('performance.now()');
    });
  } finally {
    await web.close();
  }
}

async function gridScroll(browser: Browser): Promise<number[]> {
  const web = await serve((w) => {
    canvasDoc(w).add('sql', {
      name: 'million',
      sql: "SELECT i, i * 2 AS twice, 'row ' || i AS label, i % 7 = 0 AS sevens FROM range(1000000) t(i)",
      x: 0,
      y: 0,
      w: 900,
      h: 700,
    });
  });
  try {
    return await withPage(browser, web, async (page) => {
      await page.goto(web.url);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByText('1,000,000 rows').first().waitFor({ timeout: 60_000 });
      return await page.evaluate<number[]>(scrollGrid(240, 400));
    });
  } finally {
    await web.close();
  }
}

/**
 * A chart of 1M points: `redraw` re-renders the same rows with a new title (spec changed, query
 * unchanged: option building and ECharts drawing); `switch` changes the type (a new chart query in
 * DuckDB, its rows over the wire, and the drawing).
 */
async function chartRedraw(browser: Browser): Promise<{ redraw: number[]; switch: number[] }> {
  let chartId = '';
  const web = await serve((w) => {
    const doc = canvasDoc(w);
    doc.add('sql', {
      name: 'points',
      sql: 'SELECT i AS x, sin(i / 5000.0) * 100 + (i % 13) AS y FROM range(1000000) t(i)',
      x: 0,
      y: 0,
    });
    chartId = doc.add('chart', {
      source: 'points',
      spec: { type: 'line', x: 'x', y: ['y'] },
      x: 520,
      y: 0,
      w: 800,
      h: 500,
    });
  });
  try {
    return await withPage(browser, web, async (page) => {
      await page.goto(web.url);
      const chart = page.locator('[aria-label^="Chart:"]');
      await chart.waitFor({ timeout: 60_000 });
      await page.waitForSelector('.facet-chart-block[aria-busy="false"]', { timeout: 60_000 });
      const measure = async (change: () => Promise<void>): Promise<number> => {
        const before = (await chart.getAttribute('aria-label')) ?? '';
        await page.evaluate(watchChartRedraw(before));
        await change();
        return await page.evaluate<number>(REDRAWN);
      };
      const redraw: number[] = [];
      const doc = canvasDoc(web);
      for (let i = 1; i <= 5; i++) {
        redraw.push(
          await measure(async () => {
            const spec = (doc.block(chartId) as { spec: Record<string, unknown> }).spec;
            doc.update(chartId, { spec: { ...spec, title: `Points ${i}` } });
            await Promise.resolve();
          }),
        );
      }
      const switches: number[] = [];
      for (const type of ['Scatter', 'Area', 'Line', 'Scatter', 'Line']) {
        switches.push(
          await measure(async () => {
            await page.getByRole('combobox', { name: 'Chart type' }).click();
            await page.getByRole('option', { name: type, exact: true }).click();
          }),
        );
      }
      return { redraw, switch: switches };
    });
  } finally {
    await web.close();
  }
}

async function canvasPan(browser: Browser): Promise<number[]> {
  const web = await serve((w) => {
    const doc = canvasDoc(w);
    for (let i = 0; i < 200; i++) {
      const x = (i % 20) * 420;
      const y = Math.floor(i / 20) * 300;
      if (i % 4 === 0)
        doc.add('sql', { name: `q${i}`, sql: `SELECT ${i} AS n, 'block ${i}' AS label`, x, y });
      else
        doc.add('text', {
          text: `## Note ${i}\nSome **markdown** with a [link](https://example.com).`,
          x,
          y,
        });
    }
  });
  try {
    return await withPage(browser, web, async (page) => {
      await page.goto(web.url);
      await page.locator('.react-flow__node').nth(199).waitFor({ state: 'attached' });
      await page.getByRole('dialog', { name: 'Tour' }).getByRole('button', { name: 'Skip' }).click();
      const pane = page.locator('.react-flow__pane');
      const box = (await pane.boundingBox())!;
      await page.evaluate(START_FRAMES);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 120; i++)
        await page.mouse.move(box.x + box.width / 2 - i * 8, box.y + box.height / 2 - i * 3);
      await page.mouse.up();
      return await page.evaluate<number[]>(STOP_FRAMES);
    });
  } finally {
    await web.close();
  }
}

function frameSummary(intervals: readonly number[]): string {
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const fps = 1000 / (intervals.reduce((a, b) => a + b, 0) / Math.max(intervals.length, 1));
  return `p50 ${formatMs(at(0.5))} ms, p95 ${formatMs(at(0.95))} ms, ${fps.toFixed(0)} fps over ${intervals.length} frames`;
}

async function main(): Promise<void> {
  rendererDir = buildRenderer();
  const browser = await launchChromium();
  // Chromium and the host are our own work here, so the machine's load is read before starting.
  const loadBefore = os.loadavg()[0] ?? 0;
  const cold: number[] = [];
  const chart: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) cold.push(await coldStart(browser));
    for (let i = 0; i < RUNS; i++) chart.push(await firstChart(browser));
    const scroll = await gridScroll(browser);
    const redraw = await chartRedraw(browser);
    const pan = await canvasPan(browser);
    console.log(`\nFacet UI in Chromium (web mode), ${RUNS} runs where repeated, ${os.cpus().length} cores`);
    console.log(
      `cold start to interactive   median ${formatMs(median(cold)!)} ms  (runs: ${cold.map(formatMs).join(', ')})  goal ≤ 1500 ms`,
    );
    console.log(
      `time to first chart (tour)  median ${formatMs(median(chart)!)} ms  (runs: ${chart.map(formatMs).join(', ')})  goal ≤ 5000 ms`,
    );
    console.log(`1M-row grid scroll          ${frameSummary(scroll)}  goal p95 ≤ 16.7 ms`);
    console.log(
      `1M-point chart redraw       median ${formatMs(median(redraw.redraw)!)} ms  (runs: ${redraw.redraw.map(formatMs).join(', ')})  goal ≤ 100 ms`,
    );
    console.log(
      `  type switch (new query)   median ${formatMs(median(redraw.switch)!)} ms  (runs: ${redraw.switch.map(formatMs).join(', ')})`,
    );
    console.log(`200-block canvas pan        ${frameSummary(pan)}  goal p95 ≤ 16.7 ms`);
    if (loadBefore > 0.5)
      console.log(
        `Warning: the machine's load average was ${loadBefore.toFixed(2)} before the run; timings are disturbed.`,
      );
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
