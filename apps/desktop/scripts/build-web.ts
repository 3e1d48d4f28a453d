/**
 * Builds the browser app (no host: DuckDB-WASM in a Web Worker, projects in IndexedDB/OPFS) into
 * apps/desktop/dist/web as static files any static server can host:
 *
 *   index.html   the page, with a Content-Security-Policy that allows WebAssembly, no remote code, and
 *                connections to a collaboration relay
 *   main.js/css  the renderer with the browser host (esbuild)
 *   duckdb/      DuckDB-WASM's worker script and module, copied from @duckdb/duckdb-wasm
 *   sql-wasm.wasm  sql.js, for SQLite files
 *   sample/      the sample dataset (Seattle weather)
 *   _headers     the same policy and the .wasm type for hosts that read such a file
 *
 * `--dev` keeps the JavaScript unminified; `--out DIR` builds elsewhere (tests build their own copy).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { dev: { type: 'boolean' }, out: { type: 'string' } } });
const outdir = path.resolve(args.out ?? path.join(root, 'dist/web'));
const dev = args.dev === true;
const require = createRequire(import.meta.url);

/**
 * Scripts and workers from this origin only; WebAssembly may compile. Connections may go to any
 * http(s)/ws(s) origin: a shared canvas syncs with a relay whose address the person types at run
 * time, so no fixed list can name it (code cannot be loaded from there: script-src stays 'self').
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' http: https: ws: wss:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <title>Facet</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./main.css" />
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

/** Where a package's file is, found through Node's resolution (from the engine, which depends on it). */
function packageFile(pkg: string, file: string): string {
  return require.resolve(`${pkg}/${file}`, { paths: [path.join(root, '../../packages/engine')] });
}

function sampleCsv(): string {
  // vega-datasets exports only its JS entry; its data folder sits beside build/.
  const entry = require.resolve('vega-datasets', { paths: [root] });
  return path.join(path.dirname(entry), '..', 'data', 'seattle-weather.csv');
}

const started = performance.now();
// Only an earlier build (or an empty folder) is replaced: a mistyped --out never deletes other files.
if (
  fs.existsSync(outdir) &&
  fs.readdirSync(outdir).length > 0 &&
  !fs.existsSync(path.join(outdir, 'index.html'))
) {
  console.error(`${outdir} is not empty and holds no earlier build; choose another --out.`);
  process.exit(1);
}
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'src/renderer/browser-main.tsx') },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox121', 'safari17'],
  jsx: 'automatic',
  minify: !dev,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  logLevel: 'warning',
});
const copies: [string, string][] = [
  [
    packageFile('@duckdb/duckdb-wasm', 'dist/duckdb-browser-eh.worker.js'),
    'duckdb/duckdb-browser-eh.worker.js',
  ],
  [packageFile('@duckdb/duckdb-wasm', 'dist/duckdb-eh.wasm'), 'duckdb/duckdb-eh.wasm'],
  [packageFile('sql.js', 'dist/sql-wasm-browser.wasm'), 'sql-wasm.wasm'],
  [sampleCsv(), 'sample/seattle-weather.csv'],
];
for (const [from, to] of copies) {
  fs.mkdirSync(path.dirname(path.join(outdir, to)), { recursive: true });
  fs.copyFileSync(from, path.join(outdir, to));
}
fs.writeFileSync(path.join(outdir, 'index.html'), HTML);
fs.writeFileSync(
  path.join(outdir, '_headers'),
  `/*\n  Content-Security-Policy: ${CSP}\n  X-Content-Type-Options: nosniff\n/*.wasm\n  Content-Type: application/wasm\n`,
);
console.error(
  `browser app built in ${Math.round(performance.now() - started)} ms → ${path.relative(process.cwd(), outdir)}`,
);
