/**
 * Builds the renderer (React app) into apps/desktop/dist/renderer with esbuild: main.js, main.css
 * and index.html. `--dev` keeps it unminified; `--outdir DIR` builds elsewhere (the end-to-end tests
 * give each test process its own folder, so one test's rebuild never deletes files another test's
 * page is loading). Takes about a second.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--outdir');
const outValue = outArg > 0 ? process.argv[outArg + 1] : undefined;
const outdir = outValue ? path.resolve(outValue) : path.join(root, 'dist/renderer');
const dev = process.argv.includes('--dev');

const started = performance.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'src/renderer/main.tsx') },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120'],
  jsx: 'automatic',
  minify: !dev,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'src/renderer/index.html'), path.join(outdir, 'index.html'));
console.error(
  `renderer built in ${Math.round(performance.now() - started)} ms → ${path.relative(process.cwd(), outdir)}`,
);
