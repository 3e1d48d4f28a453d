/**
 * Electron, found and made ready for a development run. The repository's native modules are built
 * for Node (the tests, the CLI and web mode use them), so `npm start` gives Electron its own copy
 * of better-sqlite3, rebuilt for Electron's ABI, in dist/electron/node_modules, where the bundled
 * main process finds it first. DuckDB uses Node-API, whose binaries work in both as they are.
 * (Packaged apps get their rebuilt modules from electron-builder instead.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ELECTRON_OUT } from './electron-bundle.ts';

const require = createRequire(import.meta.url);

/** How to get the binary that `npm ci` leaves out (root package.json denies its install script). */
export const INSTALL_HINT = 'node node_modules/electron/install.js';

/** Native modules whose binaries depend on the Node ABI, so need a build for Electron. */
export const ABI_MODULES = ['better-sqlite3'] as const;

const STAMP_FILE = '.facet-electron-build';

/** The Electron executable, or undefined when its binary was not downloaded. */
export function electronBinary(): string | undefined {
  try {
    // The electron package's main export is the path of its binary; it throws when none is installed.
    const binary: unknown = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** The installed Electron's version (from its package, present even without the binary). */
export function electronVersion(): string {
  return readVersion(path.dirname(require.resolve('electron/package.json')));
}

/**
 * Gives `outdir` (default dist/electron) copies of the ABI-dependent modules built for `version`.
 * A copy built for this Electron and module version is kept; anything else is rebuilt.
 */
export async function prepareNativeModules(
  outdir = ELECTRON_OUT,
  version = electronVersion(),
): Promise<void> {
  const stale = ABI_MODULES.filter((name) => stamp(outdir, name) !== stampText(name, version));
  if (stale.length === 0) return;
  fs.writeFileSync(
    path.join(outdir, 'package.json'),
    JSON.stringify(
      {
        name: 'facet-electron-dev',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(stale.map((name) => [name, readVersion(moduleRoot(name))])),
      },
      null,
      2,
    ),
  );
  for (const name of stale) {
    const target = path.join(outdir, 'node_modules', name);
    fs.rmSync(target, { recursive: true, force: true });
    // Without the Node build, so a failed rebuild cannot leave a binary of the wrong ABI behind.
    const source = moduleRoot(name);
    fs.cpSync(source, target, {
      recursive: true,
      filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build',
    });
  }
  console.error(`Building ${stale.join(', ')} for Electron ${version} (once)…`);
  const { rebuild } = await import('@electron/rebuild');
  // An npm `nodedir` setting (headers for offline Node builds) would make node-gyp compile against
  // Node's headers, not Electron's: the result would load in neither. Electron's are fetched instead.
  const nodedirKeys = Object.keys(process.env).filter((key) => key.toLowerCase() === 'npm_config_nodedir');
  const saved = nodedirKeys.map((key) => [key, process.env[key]] as const);
  for (const key of nodedirKeys) delete process.env[key];
  try {
    // projectRootPath keeps the rebuild inside outdir: the repository's own copies stay built for Node.
    await rebuild({
      buildPath: outdir,
      projectRootPath: outdir,
      electronVersion: version,
      onlyModules: [...stale],
      force: true,
    });
  } finally {
    for (const [key, value] of saved) process.env[key] = value;
  }
  for (const name of stale)
    fs.writeFileSync(path.join(outdir, 'node_modules', name, STAMP_FILE), stampText(name, version));
}

function moduleRoot(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function readVersion(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function stampText(name: string, version: string): string {
  return `electron ${version}, ${name} ${readVersion(moduleRoot(name))}`;
}

function stamp(outdir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(outdir, 'node_modules', name, STAMP_FILE), 'utf8');
  } catch {
    return undefined;
  }
}
