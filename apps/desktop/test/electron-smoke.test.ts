/**
 * Electron smoke test: the real main process, preload script and IPC transport in a real Electron.
 * Runs where the Electron binary is installed; where it is not (offline installs set
 * ELECTRON_SKIP_BINARY_DOWNLOAD), it is skipped and says so.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp-project.ts';

function electronBinary(): string | undefined {
  try {
    // The electron package exports the binary's path, and throws when the binary is missing.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) {
  console.warn('Electron smoke test skipped: the Electron binary is not installed here.');
}

describe.skipIf(!binary)('Electron smoke test', () => {
  it('serves HostApi to a sandboxed window over IPC through the preload bridge', async () => {
    const out = tempDir('facet-electron-build-');
    const here = import.meta.dirname;
    const common = {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      target: 'node20',
      external: ['electron', 'better-sqlite3', '@duckdb/*', 'apache-arrow'],
      logLevel: 'error' as const,
    };
    await build({
      ...common,
      entryPoints: [path.join(here, 'electron/smoke-main.ts')],
      outfile: path.join(out, 'main.cjs'),
    });
    await build({
      ...common,
      entryPoints: [path.join(here, '../src/preload/index.ts')],
      outfile: path.join(out, 'preload.cjs'),
    });
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        binary as string,
        [path.join(out, 'main.cjs'), '--no-sandbox', '--disable-gpu', '--ozone-platform=headless'],
        { timeout: 60_000, env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' } },
        (error, out) => (error ? reject(new Error(`Electron failed: ${error.message}`)) : resolve(out)),
      );
    });
    const line = stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(line)).toEqual({
      project: 'Smoke',
      canvases: 1,
      bad: 'INVALID_ARGUMENT',
      nodeVisible: false,
    });
  }, 120_000);
});
