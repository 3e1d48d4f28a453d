/** Runs the real `facet` executable (bin/facet.js) in a child process, from the repository root. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Sample files from the vega-datasets package. */
export const DATA = path.join(REPO_ROOT, 'node_modules/vega-datasets/data');
export const SEATTLE = path.join(DATA, 'seattle-weather.csv');
export const CARS = path.join(DATA, 'cars.json');

const BIN = fileURLToPath(new URL('../bin/facet.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `facet …args`; rejects only if it does not finish within `timeoutMs` (a hang is a bug). */
export function runCli(args: readonly string[], timeoutMs = 45_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...process.env, FACET_DEBUG: '' } },
      (error, stdout, stderr) => {
        if (error?.killed) {
          reject(new Error(`facet ${args.join(' ')} did not finish within ${timeoutMs} ms`));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
