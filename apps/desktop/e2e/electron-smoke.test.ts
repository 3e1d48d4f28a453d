/**
 * The desktop app in Electron itself: launches the built app on a fresh project with a data file
 * to open, and checks that the window shows the app, the page has the host bridge but no Node,
 * popups are refused, the native menus are there, and the file opened from the command line was
 * imported. Where the Electron binary was not downloaded (npm ci skips it) it skips, saying so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_OUT, MAIN_FILE } from '../scripts/electron-bundle.ts';
import { electronBinary, INSTALL_HINT, prepareNativeModules } from '../scripts/electron-native.ts';
import { SCREENSHOTS } from './browser.ts';

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? `Electron binary not installed (run ${INSTALL_HINT}); skipped`
  : noDisplay
    ? 'no display for Electron (run the tests under xvfb-run); skipped'
    : undefined;
if (skipReason) console.warn(`Electron smoke test: ${skipReason}`);

describe('Electron smoke test', () => {
  if (skipReason) {
    it.skip(skipReason, () => undefined);
    return;
  }
  let work: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      ['--import', 'tsx', path.resolve(import.meta.dirname, '../scripts/build-electron.ts')],
      {
        stdio: 'inherit',
      },
    );
    await prepareNativeModules();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-electron-'));
    const csv = path.join(work, 'weather.csv');
    fs.writeFileSync(csv, 'city,temp\nSeattle,12.5\nLyon,18\nOslo,4\n');
    app = await _electron.launch({
      executablePath: binary,
      args: [
        path.join(ELECTRON_OUT, MAIN_FILE),
        `--user-data-dir=${path.join(work, 'user-data')}`,
        // Chromium's sandbox refuses to run as root (containers, CI).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        csv,
      ],
      env: { ...process.env, FACET_HOME: path.join(work, 'home') },
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('opens the app in a locked-down window with the host bridge and no Node', async () => {
    await page.getByRole('button', { name: 'Import data' }).waitFor();
    expect(page.url()).toBe('app://facet/index.html');
    expect(await page.title()).toBe('My project — Facet');
    const globals = await page.evaluate(() => {
      // Runs in the page (this file is typed for Node, so the page's globals are read off globalThis).
      const w = globalThis as unknown as Record<string, unknown> & { open(url: string): unknown };
      return {
        facetHost: typeof w.facetHost,
        facetShell: typeof w.facetShell,
        require: typeof w.require,
        process: typeof w.process,
        popup: w.open('https://example.com/') === null,
      };
    });
    expect(globals).toEqual({
      facetHost: 'object',
      facetShell: 'object',
      require: 'undefined',
      process: 'undefined',
      popup: true,
    });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'electron-smoke.png') });
  });

  it('has the native menus and imported the data file it was launched with', async () => {
    const menus = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')),
    );
    expect(menus).toEqual(expect.arrayContaining(['File', 'Edit', 'View']));
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const host = (
              globalThis as unknown as { facetHost: { invoke(m: string, a: unknown[]): Promise<unknown> } }
            ).facetHost;
            const reply = (await host.invoke('sources.list', [])) as { result?: { table: string }[] };
            return reply.result?.map((s) => s.table) ?? [];
          }),
        { timeout: 30_000 },
      )
      .toEqual(['weather']);
  });
});
