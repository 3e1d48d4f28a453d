/** Temporary project folders for tests, removed after each test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Project, type ProjectOptions } from '../src/host/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function tempDir(prefix = 'facet-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Creates a project in a fresh folder; it is closed after the test. */
export function tempProject(options: ProjectOptions = {}): Project {
  const project = Project.create(path.join(tempDir(), 'Test.facet'), { durability: 'normal', ...options });
  cleanups.push(() => project.close());
  return project;
}

/** Opens a project again (closed after the test). */
export function reopen(dir: string, options: ProjectOptions = {}): Project {
  const project = Project.open(dir, { durability: 'normal', ...options });
  cleanups.push(() => project.close());
  return project;
}
