/** Debian Chromium through playwright-core, for the end-to-end tests (skipped where it is missing). */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { startWebMode, type WebMode } from '../src/web/web-mode.ts';

export const CHROMIUM = process.env.FACET_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`Skipping end-to-end tests: no Chromium at ${CHROMIUM} (apt-get install chromium).`);

/** Where screenshots go (look at them: a UI change is not done until it has been seen). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../.e2e-screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

let rendererDir: string | undefined;

/**
 * Builds the renderer once per test process (about a second) into a folder of its own, and returns
 * that folder (pass it to web mode as `rendererDir`). Test files run in parallel processes: a shared
 * build folder would be deleted and rewritten under another file's page while it loads.
 */
export function buildRenderer(): string {
  if (rendererDir && fs.existsSync(path.join(rendererDir, 'index.html'))) return rendererDir;
  // Test processes may be killed before their exit hook runs: builds older than an hour are swept.
  const parent = path.join(os.tmpdir(), 'facet-e2e-renderers');
  fs.mkdirSync(parent, { recursive: true });
  for (const old of fs.readdirSync(parent)) {
    const full = path.join(parent, old);
    if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(parent, 'build-'));
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '../scripts/build-renderer.ts'), '--outdir', dir],
    { stdio: 'inherit' },
  );
  rendererDir = dir;
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Web mode on a fresh project in a temporary folder, and Chromium to drive it. */
export interface WebModeFixture {
  web: WebMode;
  browser: Browser;
  /** The temporary folder (the project, its projects root, files the test writes). */
  work: string;
  close(): Promise<void>;
}

/** Builds the renderer, starts web mode on `<work>/<project>.facet` and launches Chromium. */
export async function startWebModeFixture(project: string): Promise<WebModeFixture> {
  const renderer = buildRenderer();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-'));
  const web = await startWebMode({
    rendererDir: renderer,
    project: path.join(work, `${project}.facet`),
    projectsRoot: path.join(work, 'projects'),
  });
  const browser = await launchChromium();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    web,
    browser,
    work,
    close: async () => {
      await browser.close();
      await web.close();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
