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

/** Builds the renderer once per test run (about a second). */
export function buildRenderer(): void {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '../scripts/build-renderer.ts')],
    {
      stdio: 'inherit',
    },
  );
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
  buildRenderer();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-'));
  const web = await startWebMode({
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
