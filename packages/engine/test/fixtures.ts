/** Test fixtures: real files from npm `vega-datasets`, and generated Excel/SQLite/malformed files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import Database from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** Absolute path of a file shipped by the vega-datasets package. */
export function vegaFile(name: string): string {
  // The package's exports hide its data folder; it sits beside build/index.js.
  return path.join(path.dirname(require.resolve('vega-datasets')), '..', 'data', name);
}

/** A fresh temporary folder for one test file. */
export function tempDir(prefix = 'facet-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A workbook with two sheets of mixed types. */
export function writeWorkbook(dir: string): string {
  const book = utils.book_new();
  const orders = [
    ['order_id', 'customer', 'amount', 'ordered_at', 'paid'],
    ...Array.from({ length: 250 }, (_, i) => [
      i + 1,
      `customer ${i % 17}`,
      Math.round(i * 13.37 * 100) / 100,
      new Date(Date.UTC(2024, 0, 1 + (i % 365))),
      i % 3 === 0,
    ]),
  ];
  utils.book_append_sheet(book, utils.aoa_to_sheet(orders, { cellDates: true }), 'Orders');
  const regions = [
    ['region', 'target'],
    ['North', 1000],
    ['South', 1500.5],
    ['East', null],
    ['West', 900],
  ];
  utils.book_append_sheet(book, utils.aoa_to_sheet(regions), 'Region Targets');
  const file = path.join(dir, 'Sales Report 2024.xlsx');
  writeFileSync(file, write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

/** A SQLite database with two tables covering SQLite's storage classes. */
export function writeSqlite(dir: string): string {
  const file = path.join(dir, 'shop.sqlite');
  const db = new Database(file);
  db.exec(`
    CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, photo BLOB, active BOOLEAN);
    CREATE TABLE "order lines" (order_id INTEGER, product_id INTEGER, qty INTEGER, note VARCHAR(40));
  `);
  const insert = db.prepare('INSERT INTO products (id, name, price, photo, active) VALUES (?, ?, ?, ?, ?)');
  for (let i = 1; i <= 120; i++) {
    insert.run(i, `product ${i}`, i % 10 === 0 ? null : i * 1.25, Buffer.from([i, 0, 255]), i % 2);
  }
  const line = db.prepare('INSERT INTO "order lines" VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 1000; i++)
    line.run(Math.floor(i / 4), (i % 120) + 1, (i % 5) + 1, i % 7 === 0 ? null : `n${i}`);
  db.close();
  return file;
}

/** Malformed inputs that must each give a SourceFormatError. */
export function writeMalformed(dir: string): Record<string, string> {
  const files: Record<string, string | Uint8Array> = {
    'empty.csv': '',
    'ragged.csv': 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n',
    'invalid-utf8.csv': Buffer.concat([
      Buffer.from('name,v\nok,1\nbad'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',2\nz,3\n'),
    ]),
    'garbage.csv': Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
    'broken.json': '[{"a": 1}, {"a": ',
    'broken.ndjson': '{"a": 1}\n{"a": 2}\n{"a": \n',
    'truncated.parquet': 'PAR1\u0000\u0001\u0002 not really parquet',
    'not-a-workbook.xlsx': 'PK\u0003\u0004 this zip is cut short',
    'not-a-database.sqlite': 'SQLite format 3\u0000 and then nothing sensible',
    'mystery.bin': 'just some text with an unknown extension',
  };
  mkdirSync(dir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = path.join(dir, name);
    writeFileSync(paths[name], content);
  }
  return paths;
}
