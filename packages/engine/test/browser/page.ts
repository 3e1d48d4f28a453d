/**
 * Runs in Chromium (bundled by browser-engine.test.ts): exercises the browser engine — DuckDB-WASM
 * in a real Web Worker, with sql.js for SQLite — and returns what it saw for the test to check.
 */
import { createBrowserEngine } from '@facet/engine/browser';
import { CancelledError, FacetError, tableToRows } from '@facet/engine/common';

export interface PageAssets {
  workerUrl: string;
  wasmUrl: string;
  sqliteWasmUrl: string;
  /** File name → URL of each data file to register. */
  files: Record<string, string>;
}

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

export async function runChecks(assets: PageAssets): Promise<Record<string, unknown>> {
  const engine = await createBrowserEngine(assets);
  const seen: Record<string, unknown> = { version: await engine.version() };
  try {
    const registered: Record<string, [string, number][]> = {};
    for (const [name, url] of Object.entries(assets.files)) {
      try {
        registered[name] = (await engine.register({ name, bytes: await bytesOf(url) })).map((t) => [
          t.name,
          t.rowCount,
        ]);
      } catch (error) {
        seen[`error:${name}`] = {
          type: error instanceof FacetError ? error.code : 'other',
          message: (error as Error).message,
        };
      }
    }
    seen.registered = registered;
    seen.weather = tableToRows(
      (
        await engine.query(
          'SELECT weather, count(*) AS n FROM seattle_weather WHERE weather <> $w GROUP BY ALL ORDER BY n DESC LIMIT 1',
          { params: { w: 'sun' } },
        )
      ).table,
    );
    seen.profileRows = (await engine.profile('seattle_weather')).rowCount;
    const controller = new AbortController();
    const slow = engine.query('SELECT sum(hash(x)) FROM range(10000000000) t(x)', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    seen.cancelled = await slow.then(
      () => false,
      (error: unknown) => error instanceof CancelledError,
    );
    seen.afterCancel = tableToRows((await engine.query('SELECT 42 AS answer')).table);
    seen.tables = (await engine.tables()).map((t) => t.name).sort();
  } finally {
    await engine.close();
  }
  return seen;
}

(globalThis as { facetChecks?: typeof runChecks }).facetChecks = runChecks;
