/**
 * The packaging set-up: electron-builder's own loader and schema accept electron-builder.yml, the
 * files it packs are the ones the build writes, and the bundles the build writes are valid scripts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration, FileAssociation } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFromFileName } from '@facet/engine/common';
import { APP_ROOT, bundleElectron, MAIN_FILE, PRELOAD_FILE } from '../../scripts/electron-bundle.ts';

describe('electron-builder.yml', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await getConfig(APP_ROOT, null, null);
  });

  it('passes electron-builder’s schema (which rejects what it does not know)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...config, linux: { ...config.linux, tagret: 'deb' } } as Configuration,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration\.linux/);
  });

  it('makes AppImage and deb, dmg and nsis, and unpacks the native modules', () => {
    expect(config.productName).toBe('Facet');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/@duckdb/**']),
    );
  });

  it('opens .facet projects (a package on macOS) and only data files the engine reads', () => {
    const associations = config.fileAssociations as FileAssociation[];
    const extensions = (a: FileAssociation): string[] => (Array.isArray(a.ext) ? a.ext : [a.ext]);
    const project = associations.find((a) => extensions(a).includes('facet'));
    expect(project).toMatchObject({ isPackage: true, role: 'Editor' });
    const data = associations.filter((a) => a !== project).flatMap(extensions);
    expect(data).toEqual(expect.arrayContaining(['csv', 'parquet', 'json', 'xlsx', 'sqlite']));
    for (const ext of data) expect(formatFromFileName(`x.${ext}`), ext).toBeDefined();
  });

  describe('against a build', () => {
    let out: string;
    beforeAll(async () => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-electron-build-'));
      await bundleElectron({ outdir: out });
    });
    afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

    it('packs exactly the entry points the build writes, and points Electron at the main bundle', () => {
      // The loader normalises `files` into file sets; their filters are the patterns written.
      const sets = config.files as (string | { filter?: string | string[] })[];
      const patterns = sets.flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
      const files = patterns.filter((f) => !f.startsWith('!'));
      expect(files).toEqual(
        expect.arrayContaining([
          `dist/electron/${MAIN_FILE}`,
          `dist/electron/${PRELOAD_FILE}`,
          'dist/renderer/**/*',
        ]),
      );
      for (const file of files.filter((f) => f.startsWith('dist/electron/')))
        expect(fs.existsSync(path.join(out, path.basename(file))), file).toBe(true);
      expect(fs.existsSync(path.join(APP_ROOT, 'package.json'))).toBe(true);
      expect((config.extraMetadata as { main: string }).main).toBe(`dist/electron/${MAIN_FILE}`);
    });

    it('writes bundles Node can parse: ESM main with the native modules external, CommonJS preload', () => {
      for (const file of [MAIN_FILE, PRELOAD_FILE])
        execFileSync(process.execPath, ['--check', path.join(out, file)], { stdio: 'pipe' });
      const main = fs.readFileSync(path.join(out, MAIN_FILE), 'utf8');
      for (const external of ['electron', 'better-sqlite3', '@duckdb/node-api'])
        expect(main).toMatch(new RegExp(`from\\s*"${external.replace('/', '\\/')}"`));
      const preload = fs.readFileSync(path.join(out, PRELOAD_FILE), 'utf8');
      expect(preload).toContain('require("electron")');
      expect(preload).toContain('exposeInMainWorld("facetHost"');
      expect(preload).toContain('exposeInMainWorld("facetShell"');
      // A sandboxed preload can require nothing but electron: nothing else may be left external.
      expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    });
  });
});
