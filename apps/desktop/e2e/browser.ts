/** Debian Chromium through playwright-core, for the end-to-end tests (skipped where it is missing). */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

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
