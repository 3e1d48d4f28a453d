/**
 * Excel (.xlsx) → Arrow with SheetJS. Each sheet becomes one table; the first row is the header
 * when all its cells are text. Column types are inferred from the cells (numbers, dates, booleans,
 * text); a column mixing kinds becomes text.
 */
import { read, utils, type WorkBook } from '@e965/xlsx';
import type { Table } from 'apache-arrow';
import { columnsToTable } from '../arrow/from-columns.ts';

export interface Sheet {
  name: string;
  table: Table;
}

export function readXlsx(bytes: Uint8Array, options: { sheet?: string } = {}): Sheet[] {
  let workbook: WorkBook;
  try {
    workbook = read(bytes, { type: 'array', cellDates: true, dense: true });
  } catch (error) {
    throw new Error(
      `not a readable Excel workbook (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let names = workbook.SheetNames;
  if (options.sheet !== undefined) {
    if (!names.includes(options.sheet)) {
      throw new Error(`the workbook has no sheet named "${options.sheet}" (sheets: ${names.join(', ')})`);
    }
    names = [options.sheet];
  }
  const sheets = names.map((name) => ({ name, table: sheetToTable(workbook, name) }));
  if (sheets.length === 0) throw new Error('the workbook has no sheets');
  return sheets;
}

function sheetToTable(workbook: WorkBook, name: string): Table {
  const sheet = workbook.Sheets[name];
  const rows: unknown[][] = sheet
    ? utils.sheet_to_json(sheet, { header: 1, raw: true, defval: null, blankrows: false })
    : [];
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const first = rows[0] ?? [];
  const hasHeader =
    rows.length > 1 && first.length > 0 && first.every((v) => v === null || typeof v === 'string');
  const header = Array.from({ length: width }, (_, i) =>
    hasHeader && typeof first[i] === 'string' ? String(first[i]).trim() : `column${i + 1}`,
  );
  const body = hasHeader ? rows.slice(1) : rows;
  return columnsToTable(
    header.map((columnName, c) => ({ name: columnName, values: body.map((row) => row[c] ?? null) })),
  );
}
