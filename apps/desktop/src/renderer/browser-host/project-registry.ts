/**
 * The browser's list of projects: one small IndexedDB database (`facet`) naming each project's own
 * database, with when it was last opened. A project's `dir` in the HostApi is `browser:<id>`, since
 * there are no folders here.
 */
import { InvalidArgumentError } from '@facet/engine/common';
import type { ProjectSummary } from '../../shared/host-api.ts';
import { openDatabase, req, transact, values } from './idb.ts';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  openedAt?: number;
}

const PREFIX = 'browser:';

export class ProjectRegistry {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(name = 'facet'): Promise<ProjectRegistry> {
    return new ProjectRegistry(
      await openDatabase(name, 1, (db) => void db.createObjectStore('projects', { keyPath: 'id' })),
    );
  }

  /** Every project, most recently opened first (then by name). */
  async list(): Promise<ProjectRecord[]> {
    const all = await transact(this.db, 'projects', 'readonly', (tx) =>
      values<ProjectRecord>(tx.objectStore('projects')),
    );
    return all.sort((a, b) => (b.openedAt ?? 0) - (a.openedAt ?? 0) || a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<ProjectRecord | undefined> {
    return transact(this.db, 'projects', 'readonly', (tx) =>
      req(tx.objectStore('projects').get(id) as IDBRequest<ProjectRecord | undefined>),
    );
  }

  /** The project a `dir` names; throws a readable error when there is none. */
  async require(dir: string): Promise<ProjectRecord> {
    const id = idOf(dir);
    const record = id === undefined ? undefined : await this.get(id);
    if (!record) throw new InvalidArgumentError(`${String(dir)} is not a Facet project in this browser.`);
    return record;
  }

  /** Adds a project (its name must be free). */
  async add(record: ProjectRecord): Promise<void> {
    await transact(this.db, 'projects', 'readwrite', async (tx) => {
      await this.requireFreeName(tx, record.name, record.id);
      tx.objectStore('projects').add(record);
    });
  }

  async rename(id: string, name: string): Promise<ProjectRecord> {
    const clean = checkProjectName(name);
    return transact(this.db, 'projects', 'readwrite', async (tx) => {
      const store = tx.objectStore('projects');
      const record = await req(store.get(id) as IDBRequest<ProjectRecord | undefined>);
      if (!record) throw new InvalidArgumentError('That project no longer exists.');
      await this.requireFreeName(tx, clean, id);
      const renamed = { ...record, name: clean };
      store.put(renamed);
      return renamed;
    });
  }

  async touch(id: string): Promise<void> {
    await transact(this.db, 'projects', 'readwrite', async (tx) => {
      const store = tx.objectStore('projects');
      const record = await req(store.get(id) as IDBRequest<ProjectRecord | undefined>);
      if (record) store.put({ ...record, openedAt: Date.now() });
    });
  }

  async remove(id: string): Promise<void> {
    await transact(this.db, 'projects', 'readwrite', (tx) => void tx.objectStore('projects').delete(id));
  }

  close(): void {
    this.db.close();
  }

  private async requireFreeName(tx: IDBTransaction, name: string, except: string): Promise<void> {
    const all = await values<ProjectRecord>(tx.objectStore('projects'));
    if (all.some((p) => p.id !== except && p.name.toLowerCase() === name.toLowerCase()))
      throw new InvalidArgumentError(`A project named "${name}" already exists.`);
  }
}

export function dirOf(id: string): string {
  return `${PREFIX}${id}`;
}

export function idOf(dir: string): string | undefined {
  return typeof dir === 'string' && dir.startsWith(PREFIX) ? dir.slice(PREFIX.length) : undefined;
}

export function summaryOf(record: ProjectRecord): ProjectSummary {
  return {
    dir: dirOf(record.id),
    name: record.name,
    ...(record.openedAt !== undefined ? { openedAt: record.openedAt } : {}),
  };
}

/** A project name: trimmed, not empty, at most 120 characters, no control characters. */
export function checkProjectName(name: string): string {
  const trimmed = String(name ?? '').trim();
  if (!trimmed) throw new InvalidArgumentError('A project needs a name.');
  if (trimmed.length > 120) throw new InvalidArgumentError('A project name can be at most 120 characters.');
  if ([...trimmed].some((ch) => ch.charCodeAt(0) < 32))
    throw new InvalidArgumentError('A project name cannot hold control characters.');
  return trimmed;
}
