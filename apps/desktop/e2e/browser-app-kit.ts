/**
 * What the browser app's end-to-end tests share: a build of `npm run build:web` (each test file
 * its own copy, so files running side by side never rebuild under each other), a tiny static
 * server for it on 127.0.0.1:0, fresh browser profiles, and the steps every test takes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './browser.ts';

/** Polls wait this long: two shared cores make DuckDB-WASM's start slow at times. */
export const SLOW = { timeout: 30_000 };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json',
};

/** Any static server will do: this one knows a handful of types and nothing else. */
function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(root + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

export interface BrowserApp {
  browser: Browser;
  /** A scratch folder for files to import. */
  work: string;
  /** A fresh browser profile (its own IndexedDB and OPFS); `noOpfs` hides OPFS from the page. */
  profile(options?: { noOpfs?: boolean }): Promise<BrowserContext>;
  /** A new tab on the app; a page error fails the test. */
  open(context: BrowserContext): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-browser-'));
  const web = path.join(work, 'web');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '../scripts/build-web.ts'), '--out', web],
    { stdio: 'inherit' },
  );
  const site = await serve(web);
  const browser = await launchChromium();
  return {
    browser,
    work,
    profile: async ({ noOpfs = false } = {}) => {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 900 },
        acceptDownloads: true,
      });
      // Page code is given as text: these tests are typed for Node, without the DOM's types.
      await context.addInitScript({
        content: `
          window.cspViolations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
          ${noOpfs ? 'delete StorageManager.prototype.getDirectory;' : ''}`,
      });
      return context;
    },
    open: async (context) => {
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      await page.goto(site.url);
      return page;
    },
    close: async () => {
      await browser.close();
      await site.close();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Creates a project from Home and dismisses the welcome. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'New project' }).fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => page.title(), SLOW).toBe(`${name} — Facet`);
  await page.getByRole('dialog', { name: 'Welcome' }).getByRole('button', { name: 'Skip' }).click();
}

/** Imports a file through the file chooser, as a person would. */
export async function importFile(page: Page, file: string | string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import data' }).click();
  await (await chooser).setFiles(file);
}

/** Adds a SQL block, types the SQL and runs it. */
export async function runSql(page: Page, sql: string): Promise<void> {
  await page.getByRole('button', { name: 'New SQL block' }).click();
  await page.getByRole('textbox', { name: 'SQL' }).click();
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape'); // closes the completions
  await page.getByRole('button', { name: 'Run' }).click();
}

/** The result grid as text: the header, then each row. */
export async function gridRows(page: Page): Promise<string[][]> {
  const grid = page.getByRole('grid');
  const rows = [await grid.getByRole('columnheader').allTextContents()];
  for (const row of await grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .all())
    rows.push(await row.getByRole('gridcell').allTextContents());
  return rows;
}

/** Picks a format in the Export menu (of `within`, else the only one) and reads the download. */
export async function download(page: Page, format: string, within?: Locator): Promise<Buffer> {
  await (within ?? page).getByRole('button', { name: 'Export' }).click();
  const file = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: format }).click();
  return fs.readFileSync(await (await file).path());
}

/** The page's Content-Security-Policy never had to block anything (wasm, workers, styles, readers). */
export async function expectNoCspViolations(page: Page): Promise<void> {
  expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);
}

/** The files in the page's Origin Private File System under `facet/`, as `project/file`. */
export function opfsFiles(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(async () => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('facet');
    const names = [];
    for await (const [name, handle] of root)
      if (handle.kind === 'directory') for await (const file of handle.keys()) names.push(name + '/' + file);
    return names;
  })()`);
}

/** How many files the page's projects keep in IndexedDB (where OPFS was missing), over all projects. */
export function indexedDbFiles(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    let n = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name.startsWith('facet-project-')) continue;
      const db = await new Promise((resolve) => (indexedDB.open(name).onsuccess = (e) => resolve(e.target.result)));
      n += await new Promise((resolve) =>
        (db.transaction('blobs').objectStore('blobs').count().onsuccess = (e) => resolve(e.target.result)));
      db.close();
    }
    return n;
  })()`);
}
