/**
 * Bundles Electron's main process and preload script with esbuild:
 *   dist/electron/main.mjs    ESM, Node platform: main, the host and the engine in one file; native
 *                             modules (and electron) stay external, loaded from node_modules.
 *   dist/electron/preload.cjs CommonJS: a sandboxed preload cannot be an ES module.
 */
import path from 'node:path';
import { build } from 'esbuild';

export const APP_ROOT = path.resolve(import.meta.dirname, '..');
export const ELECTRON_OUT = path.join(APP_ROOT, 'dist/electron');
export const MAIN_FILE = 'main.mjs';
export const PRELOAD_FILE = 'preload.cjs';

/** Loaded at run time from node_modules: Electron itself and modules with native binaries. */
export const EXTERNAL_MODULES = [
  'electron',
  'better-sqlite3',
  '@duckdb/node-api',
  '@duckdb/node-bindings',
  '@duckdb/node-bindings-*',
  'onnxruntime-node',
];

// Bundled CommonJS code calls `require` (for Node built-ins); an ES module has none of its own.
const MAIN_BANNER = [
  "import { createRequire as __facetCreateRequire } from 'node:module';",
  'const require = __facetCreateRequire(import.meta.url);',
].join('\n');

export interface BundleOptions {
  /** Default: apps/desktop/dist/electron. */
  outdir?: string;
  /** Unminified, for debugging. */
  dev?: boolean;
}

/** Builds both bundles; returns their paths. */
export async function bundleElectron(
  options: BundleOptions = {},
): Promise<{ main: string; preload: string }> {
  const outdir = options.outdir ?? ELECTRON_OUT;
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node22',
    minify: !options.dev,
    sourcemap: true,
    logLevel: 'warning' as const,
    define: { 'process.env.NODE_ENV': JSON.stringify(options.dev ? 'development' : 'production') },
  };
  const main = path.join(outdir, MAIN_FILE);
  const preload = path.join(outdir, PRELOAD_FILE);
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(APP_ROOT, 'src/main/main.ts')],
      outfile: main,
      format: 'esm',
      external: EXTERNAL_MODULES,
      banner: { js: MAIN_BANNER },
    }),
    build({
      ...common,
      entryPoints: [path.join(APP_ROOT, 'src/preload/index.ts')],
      outfile: preload,
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
  return { main, preload };
}
