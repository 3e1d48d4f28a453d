/**
 * The user's projects: folders named `Name.facet`, kept by default in one projects folder, plus a
 * list of recently opened ones (which may live anywhere). The recent list is a small JSON file in
 * the app's data folder; a missing or corrupt one is treated as empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '@facet/engine/common';
import { Project, projectNameOf } from './project/project.ts';

export interface ProjectEntry {
  dir: string;
  name: string;
  openedAt?: number;
}

const RECENT_LIMIT = 20;

export class Projects {
  constructor(
    /** Where new projects go by default. */
    readonly root: string,
    /** The JSON file listing recently opened projects. */
    private readonly recentFile: string = path.join(root, '.recent.json'),
  ) {
    fs.mkdirSync(root, { recursive: true });
  }

  /** Projects in the root folder and recent ones that still exist, most recently opened first. */
  list(): ProjectEntry[] {
    const recent = this.recent();
    const seen = new Map<string, ProjectEntry>();
    for (const entry of recent) if (Project.isProject(entry.dir)) seen.set(entry.dir, entry);
    for (const name of fs.readdirSync(this.root)) {
      const dir = path.join(this.root, name);
      if (name.endsWith('.facet') && !seen.has(dir) && Project.isProject(dir)) {
        seen.set(dir, { dir, name: projectNameOf(dir) });
      }
    }
    return [...seen.values()].sort(
      (a, b) => (b.openedAt ?? 0) - (a.openedAt ?? 0) || a.name.localeCompare(b.name),
    );
  }

  /** The folder a new project called `name` gets. */
  dirFor(name: string, parentDir: string = this.root): string {
    return path.join(parentDir, `${checkProjectName(name)}.facet`);
  }

  /** Renames a project's folder (and its stored name); returns the new folder. */
  rename(dir: string, name: string): string {
    const target = this.dirFor(name, path.dirname(dir));
    if (target === dir) return dir;
    if (fs.existsSync(target))
      throw new InvalidArgumentError(`A project named "${name}" already exists there.`);
    this.requireProject(dir);
    fs.renameSync(dir, target);
    this.forget(dir);
    return target;
  }

  /** Copies a closed project's folder under a new name. */
  duplicate(dir: string, name: string): string {
    this.requireProject(dir);
    const target = this.dirFor(name, path.dirname(dir));
    if (fs.existsSync(target))
      throw new InvalidArgumentError(`A project named "${name}" already exists there.`);
    fs.cpSync(dir, target, { recursive: true });
    return target;
  }

  delete(dir: string): void {
    this.requireProject(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    this.forget(dir);
  }

  /** Records that a project was opened. */
  touch(dir: string, name: string): void {
    const entries = [{ dir, name, openedAt: Date.now() }, ...this.recent().filter((e) => e.dir !== dir)];
    this.writeRecent(entries.slice(0, RECENT_LIMIT));
  }

  private forget(dir: string): void {
    this.writeRecent(this.recent().filter((e) => e.dir !== dir));
  }

  private recent(): ProjectEntry[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.recentFile, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (e): e is ProjectEntry =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as ProjectEntry).dir === 'string' &&
          typeof (e as ProjectEntry).name === 'string',
      );
    } catch {
      return [];
    }
  }

  private writeRecent(entries: ProjectEntry[]): void {
    const temp = `${this.recentFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(entries, null, 2));
    fs.renameSync(temp, this.recentFile);
  }

  private requireProject(dir: string): void {
    if (!Project.isProject(dir)) throw new InvalidArgumentError(`${dir} is not a Facet project.`);
  }
}

/** A project name that is safe as a folder name on every OS. */
export function checkProjectName(name: string): string {
  const trimmed = String(name ?? '').trim();
  if (!trimmed) throw new InvalidArgumentError('A project needs a name.');
  if (trimmed.length > 120) throw new InvalidArgumentError('A project name can be at most 120 characters.');
  if (
    /[<>:"/\\|?*]/.test(trimmed) ||
    [...trimmed].some((ch) => ch.charCodeAt(0) < 32) ||
    trimmed === '.' ||
    trimmed === '..' ||
    /[. ]$/.test(trimmed)
  ) {
    throw new InvalidArgumentError(
      `"${trimmed}" cannot be a folder name; avoid < > : " / \\ | ? * and a trailing dot.`,
    );
  }
  return trimmed;
}
