/**
 * SQLite database → Arrow tables (one per user table) with better-sqlite3, opened read-only.
 * Column types come from each column's declared type (SQLite's affinity rules), so an INTEGER
 * column stays integer even when its first rows are NULL.
 */
import { rm, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Table } from 'apache-arrow';
import { type ColumnHint, columnsToTable } from '@facet/engine/common';

export async function readSqliteNode(source: {
  name: string;
  path?: string;
  bytes?: Uint8Array;
}): Promise<{ name: string; table: Table }[]> {
  let dir: string | undefined;
  let file = source.path;
  if (file === undefined) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'facet-sqlite-'));
    file = path.join(dir, 'db.sqlite');
    await writeFile(file, source.bytes ?? new Uint8Array());
  }
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      db.defaultSafeIntegers(true);
      const names = db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all() as string[];
      return names.map((name) => ({ name, table: readTable(db, name) }));
    } finally {
      db.close();
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

function readTable(db: Database.Database, name: string): Table {
  const quoted = `"${name.replaceAll('"', '""')}"`;
  const info = db.prepare(`PRAGMA table_info(${quoted})`).all() as { name: string; type: string }[];
  const rows = db.prepare(`SELECT * FROM ${quoted}`).raw(true).all() as unknown[][];
  return columnsToTable(
    info.map((column, c) => {
      const hint = hintForDeclaredType(column.type);
      return {
        name: column.name,
        values: rows.map((row) => normalise(row[c], hint)),
        ...(hint ? { hint } : {}),
      };
    }),
  );
}

/** SQLite's type affinity rules (https://sqlite.org/datatype3.html §3.1), plus dates by name. */
function hintForDeclaredType(declared: string): ColumnHint | undefined {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'int64';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t.includes('BLOB')) return 'binary';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'double';
  if (t.includes('BOOL')) return 'boolean';
  return undefined;
}

function normalise(value: unknown, hint: ColumnHint | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (hint === 'boolean')
    return value === 1n || value === 1 || value === true || value === '1' || value === 'true';
  if (hint === 'double' && typeof value === 'bigint') return Number(value);
  if (hint === undefined && typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  }
  if (value instanceof Buffer) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value;
}
