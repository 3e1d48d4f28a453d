/**
 * Builds the desktop app: the renderer (build-renderer.ts → dist/renderer) and Electron's main
 * process and preload script (→ dist/electron). `--dev` keeps both unminified. This is what
 * `npm start` and `npm run dist:desktop` run first.
 */
import path from 'node:path';
import { bundleElectron } from './electron-bundle.ts';

const dev = process.argv.includes('--dev');
const started = performance.now();
// build-renderer.ts is a script: importing it runs it (it reads --dev from argv itself).
await import('./build-renderer.ts');
const { main, preload } = await bundleElectron({ dev });
console.error(
  `electron main and preload built in ${Math.round(performance.now() - started)} ms → ` +
    [main, preload].map((file) => path.relative(process.cwd(), file)).join(', '),
);
