/**
 * Opens a project's SQLite database (WAL) and brings its schema up to date. Refuses a database
 * written by a newer Facet rather than guessing at it.
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
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof FacetError) throw error;
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
