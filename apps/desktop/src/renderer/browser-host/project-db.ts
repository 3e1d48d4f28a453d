/**
 * One browser project is one IndexedDB database, `facet-project-<id>`; its imported files' bytes
 * live in OPFS (see blob-store.ts). The stores mirror the desktop project's SQLite tables:
 *
 *   meta        name, createdAt                       settings     key → JSON value
 *   canvases    id → name, times, branch fields       onboarding   step → done at
 *   updates     seq (auto) → canvasId, Yjs update     history      id (auto) → a query run
 *   snapshots   canvasId → compacted state, uptoSeq   results      key → Arrow IPC of a block run
 *   versions    id → canvasId, kind, message, state   search       key → indexed text of a canvas/source
 *   sources     table → file name, format, blob hash  blobs        hash → bytes (when OPFS is missing)
 */
import { deleteDatabase, openDatabase, req, transact } from './idb.ts';

export const PROJECT_DB_VERSION = 1;

export const STORES = [
  'meta',
  'canvases',
  'updates',
  'snapshots',
  'versions',
  'sources',
  'settings',
  'onboarding',
  'history',
  'results',
  'search',
  'blobs',
] as const;

export type StoreName = (typeof STORES)[number];

export function projectDbName(projectId: string): string {
  return `facet-project-${projectId}`;
}

/** Opens (creating on first use) a project's database. */
export function openProjectDb(projectId: string): Promise<IDBDatabase> {
  return openDatabase(projectDbName(projectId), PROJECT_DB_VERSION, (db, oldVersion) => {
    if (oldVersion < 1) {
      db.createObjectStore('meta');
      db.createObjectStore('canvases', { keyPath: 'id' });
      const updates = db.createObjectStore('updates', { keyPath: 'seq', autoIncrement: true });
      updates.createIndex('canvas', ['canvasId', 'seq']);
      db.createObjectStore('snapshots', { keyPath: 'canvasId' });
      const versions = db.createObjectStore('versions', { keyPath: 'id' });
      versions.createIndex('canvas', ['canvasId', 'createdAt']);
      db.createObjectStore('sources', { keyPath: 'table' });
      db.createObjectStore('settings');
      db.createObjectStore('onboarding');
      const history = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
      history.createIndex('canvas', ['canvasId', 'id']);
      const results = db.createObjectStore('results', { keyPath: 'key' });
      results.createIndex('usedAt', 'usedAt');
      db.createObjectStore('search', { keyPath: 'key' });
      db.createObjectStore('blobs');
    }
  });
}

export function deleteProjectDb(projectId: string): Promise<void> {
  return deleteDatabase(projectDbName(projectId));
}

/**
 * Copies every record of one project database into another (empty) one, store by store, so a
 * duplicate is an independent project. Out-of-line keys are copied with their values.
 */
export async function copyProjectDb(from: IDBDatabase, to: IDBDatabase): Promise<void> {
  for (const store of STORES) {
    const { keys, rows } = await transact(from, store, 'readonly', async (tx) => {
      const s = tx.objectStore(store);
      const [rows, keys] = await Promise.all([
        req(s.getAll()),
        s.keyPath === null ? req(s.getAllKeys()) : Promise.resolve(undefined),
      ]);
      return { keys, rows };
    });
    await transact(to, store, 'readwrite', (tx) => {
      const s = tx.objectStore(store);
      rows.forEach((row, i) => (keys ? s.put(row, keys[i]) : s.put(row)));
    });
  }
}
