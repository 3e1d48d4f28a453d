/**
 * The browser build of the engine, in a real browser: the page is bundled with esbuild, served on
 * 127.0.0.1 and run in Debian's Chromium through playwright-core. Skips (saying so) where no
 * Chromium is installed; CI installs it.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeEngine } from '@facet/engine/node';
import { tempDir, vegaFile, writeSqlite, writeWorkbook } from './fixtures.ts';

const CHROMIUM = process.env.FACET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`Skipping browser engine tests: no Chromium at ${CHROMIUM} (apt-get install chromium).`);

const require = createRequire(import.meta.url);
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
};

describe.skipIf(!haveChromium)('browser engine (DuckDB-WASM in a Web Worker, in Chromium)', () => {
  const dir = tempDir('facet-browser-');
  let server: Server;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    await build({
      entryPoints: [path.join(import.meta.dirname, 'browser', 'page.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: path.join(dir, 'bundle.js'),
      logLevel: 'error',
    });
    const duckdbDist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    copyFileSync(path.join(duckdbDist, 'duckdb-browser-eh.worker.js'), path.join(dir, 'duckdb-worker.js'));
    copyFileSync(path.join(duckdbDist, 'duckdb-eh.wasm'), path.join(dir, 'duckdb.wasm'));
    copyFileSync(require.resolve('sql.js/dist/sql-wasm-browser.wasm'), path.join(dir, 'sql-wasm.wasm'));
    copyFileSync(vegaFile('seattle-weather.csv'), path.join(dir, 'seattle-weather.csv'));
    copyFileSync(vegaFile('cars.json'), path.join(dir, 'cars.json'));
    copyFileSync(vegaFile('flights-200k.arrow'), path.join(dir, 'flights-200k.arrow'));
    copyFileSync(writeWorkbook(dir), path.join(dir, 'sales.xlsx'));
    copyFileSync(writeSqlite(dir), path.join(dir, 'shop.sqlite'));
    writeFileSync(
      path.join(dir, 'garbage.csv'),
      Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256),
    );
    const native = await createNativeEngine();
    await native.query(
      `COPY (SELECT range AS id, range % 7 AS bucket, 'row ' || range AS label FROM range(50000)) TO '${path.join(dir, 'small.parquet')}' (FORMAT parquet)`,
    );
    await native.close();
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><script type="module" src="bundle.js"></script>',
    );

    server = createServer((request, response) => {
      const file = path.join(
        dir,
        path.normalize(decodeURIComponent(request.url ?? '/')).replace(/^[/\\]+/, '') || 'index.html',
      );
      if (!file.startsWith(dir) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('registers every format, queries, profiles and cancels in the browser', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => 'facetChecks' in globalThis);
    const names = [
      'seattle-weather.csv',
      'cars.json',
      'flights-200k.arrow',
      'small.parquet',
      'sales.xlsx',
      'shop.sqlite',
      'garbage.csv',
    ];
    const assets = {
      workerUrl: `${origin}/duckdb-worker.js`,
      wasmUrl: `${origin}/duckdb.wasm`,
      sqliteWasmUrl: `${origin}/sql-wasm.wasm`,
      files: Object.fromEntries(names.map((name) => [name, `${origin}/${name}`])),
    };
    const seen = await page.evaluate(
      (a) =>
        (
          globalThis as unknown as { facetChecks: (a: unknown) => Promise<Record<string, unknown>> }
        ).facetChecks(a),
      assets,
    );
    expect(errors).toEqual([]);
    expect(seen.version).toMatch(/^v1\./);
    expect(seen.registered).toEqual({
      'seattle-weather.csv': [['seattle_weather', 1461]],
      'cars.json': [['cars', 406]],
      'flights-200k.arrow': [['flights_200k', 200000]],
      'small.parquet': [['small', 50000]],
      'sales.xlsx': [
        ['sales', 250],
        ['sales_orders', 250],
        ['sales_region_targets', 4],
      ],
      'shop.sqlite': [
        ['shop_order_lines', 1000],
        ['shop_products', 120],
      ],
    });
    expect(seen['error:garbage.csv']).toMatchObject({ type: 'SOURCE_FORMAT' });
    expect(seen.weather).toEqual([{ weather: 'rain', n: 641 }]);
    expect(seen.profileRows).toBe(1461);
    expect(seen.cancelled).toBe(true);
    expect(seen.afterCancel).toEqual([{ answer: 42 }]);
    await page.close();
  }, 180_000);
});
