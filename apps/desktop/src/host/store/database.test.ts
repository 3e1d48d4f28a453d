import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

const dirs: string[] = [];
function tempFile(name = 'project.sqlite'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-db-'));
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('openDatabase', () => {
  it('creates the schema in WAL mode and records its version', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['canvases', 'doc_updates', 'versions', 'sources', 'search_index', 'settings']),
    );
    db.close();
  });

  it('runs only the migrations a database has not seen, each in a transaction', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const more = [...MIGRATIONS, 'CREATE TABLE extra (x INTEGER);', 'CREATE TABLE broken (; nonsense'];
    expect(() => migrate(db, more)).toThrow();
    // The good migration landed, the broken one left nothing behind.
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'broken'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer Facet and a file that is not a database', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer version of Facet/);

    const junk = tempFile('junk.sqlite');
    fs.writeFileSync(junk, 'this is not a database '.repeat(100));
    expect(() => openDatabase(junk)).toThrow(/not a Facet project database/);
    expect(fs.readFileSync(junk, 'utf8')).toMatch(/^this is not a database/);
  });

  it('lets one connection own a project at a time, and frees it on close', () => {
    const file = tempFile();
    const owner = openDatabase(file);
    expect(() => openDatabase(file)).toThrow(/open in another Facet window or process/);
    owner.close();
    openDatabase(file).close();
  });
});
