/**
 * Exports a result as a file: CSV, Parquet and JSON are written by DuckDB (the result is
 * registered as a scratch table and COPYed to a temporary file), Excel by SheetJS.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import type { Table } from 'apache-arrow';
import {
  type Engine,
  InvalidArgumentError,
  quoteIdent,
  quoteString,
  tableToRows,
} from '@facet/engine/common';

export const EXPORT_FORMATS = ['csv', 'parquet', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export async function exportTable(engine: Engine, table: Table, format: ExportFormat): Promise<Uint8Array> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new InvalidArgumentError(`Cannot export as "${String(format)}"; use ${EXPORT_FORMATS.join(', ')}.`);
  }
  if (format === 'xlsx') {
    const sheet = utils.json_to_sheet(tableToRows(table).map(flatten));
    const book = utils.book_new();
    utils.book_append_sheet(book, sheet, 'Result');
    return new Uint8Array(write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  }
  const id = `facet_export_${randomBytes(6).toString('hex')}`;
  const file = path.join(os.tmpdir(), `${id}.${format}`);
  // The engine may adjust the name it was given; use the one it reports.
  const scratch = (await engine.registerArrow(id, table)).name;
  try {
    const options = {
      csv: 'FORMAT csv, HEADER true',
      parquet: 'FORMAT parquet, COMPRESSION zstd',
      json: 'FORMAT json, ARRAY true',
    }[format];
    await engine.query(`COPY ${quoteIdent(scratch)} TO ${quoteString(file)} (${options})`, { cache: false });
    return new Uint8Array(await fs.readFile(file));
  } finally {
    await engine.drop(scratch).catch(() => undefined);
    await fs.rm(file, { force: true });
  }
}

/** Excel cells hold scalars: nested values become JSON text. */
function flatten(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  return out;
}
