/**
 * Opens a project's SQLite database (WAL, held exclusively by this process) and brings its schema
 * up to date. Refuses a database written by a newer Facet rather than guessing at it.
 */
import Database from 'better-sqlite3';
import { FacetError } from '@facet/engine/common';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/**
 * `full` syncs the WAL on every commit (nothing committed is lost even on power loss); `normal`
 * syncs at checkpoints (a process crash loses nothing, a power cut may lose the last commits).
 */
export type Durability = 'full' | 'normal';

export function openDatabase(file: string, durability: Durability = 'full'): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new FacetError(
      'INVALID_ARGUMENT',
      `Cannot open the project database ${file}: ${(error as Error).message}`,
    );
  }
  try {
    // One process owns a project at a time: the app and `facet project` must never both write it
    // (each compacts from its own copy of the documents). The exclusive lock is taken now and held
    // until close; the OS releases it if the process dies.
    db.pragma('busy_timeout = 1000');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof FacetError) throw error;
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new FacetError(
        'INVALID_ARGUMENT',
        'This project is open in another Facet window or process; close it there first.',
      );
    }
    throw new FacetError(
      'INVALID_ARGUMENT',
      `${file} is not a Facet project database: ${(error as Error).message}`,
    );
  }
}

/** Runs the migrations this database has not seen yet, each in one transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new FacetError(
      'INVALID_ARGUMENT',
      `This project was saved by a newer version of Facet (schema ${current}; this one knows ${migrations.length}). Update Facet to open it.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}
