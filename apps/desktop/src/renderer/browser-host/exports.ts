/**
 * A result as a file, in the browser. DuckDB-WASM here has no Parquet or JSON writer built in (and
 * nothing is downloaded), so: CSV takes DuckDB's own text for every value (so numbers and dates
 * read exactly as on the desktop) and is quoted here; JSON is the rows as engine/common converts
 * them; Excel is written by SheetJS; Parquet by hyparquet-writer, with the column types mapped.
 */
import { utils, write } from '@e965/xlsx';
import { DataType, type Field, type Table, type Vector } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet/src/types.js';
import {
  type Engine,
  InvalidArgumentError,
  type JsValue,
  quoteIdent,
  tableToRows,
  vectorToValues,
} from '@facet/engine/common';
import { randomId } from './canvas-store.ts';

export const EXPORT_FORMATS = ['csv', 'parquet', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export async function exportTable(engine: Engine, table: Table, format: ExportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return exportCsv(engine, table);
    case 'json':
      return exportJson(table);
    case 'xlsx':
      return exportXlsx(table);
    case 'parquet':
      return exportParquet(table);
    default:
      throw new InvalidArgumentError(
        `Cannot export as "${String(format)}"; use ${EXPORT_FORMATS.join(', ')}.`,
      );
  }
}

/** CSV with a header; values as DuckDB writes them as text; NULL empty, an empty string `""`. */
async function exportCsv(engine: Engine, table: Table): Promise<Uint8Array> {
  const names = table.schema.fields.map((f) => f.name);
  const lines = [names.map(csvField).join(',')];
  if (table.numRows > 0 && names.length > 0) {
    // The engine may adjust the name it was given; use the one it reports.
    const scratch = (await engine.registerArrow(`facet_export_${randomId(6)}`, table)).name;
    try {
      const casts = names.map((n) => `CAST(${quoteIdent(n)} AS VARCHAR)`).join(', ');
      const text = await engine.query(`SELECT ${casts} FROM ${quoteIdent(scratch)}`, { cache: false });
      const columns = names.map((_, i) => vectorToValues(text.table.getChildAt(i) as Vector));
      for (let r = 0; r < table.numRows; r++) {
        lines.push(columns.map((c) => (c[r] === null ? '' : csvField(String(c[r])))).join(','));
      }
    } finally {
      await engine.drop(scratch).catch(() => undefined);
    }
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Quotes a CSV field when it holds a comma, quote or line break, or is empty (NULL is bare). */
export function csvField(value: string): string {
  return value === '' || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rows as a JSON array of objects (values as engine/common converts them). */
export function exportJson(table: Table): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(tableToRows(table)));
}

/** One sheet, "Result", with a header row. */
export function exportXlsx(table: Table): Uint8Array {
  // Excel cells hold scalars: nested values become JSON text.
  const rows = tableToRows(table).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]),
    ),
  );
  const book = utils.book_new();
  utils.book_append_sheet(
    book,
    utils.json_to_sheet(rows, { header: table.schema.fields.map((f) => f.name) }),
    'Result',
  );
  return new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** Parquet (Snappy), every column nullable, typed from the Arrow types. */
export function exportParquet(table: Table): Uint8Array {
  if (table.schema.fields.length === 0)
    throw new InvalidArgumentError('The result has no columns to export.');
  const columns = table.schema.fields.map((field, i) => parquetColumn(field, table.getChildAt(i) as Vector));
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => c.element),
  ];
  const columnData = columns.map((c) => ({ name: c.element.name, data: c.data as never }));
  return new Uint8Array(parquetWriteBuffer({ columnData, schema, codec: 'SNAPPY' }));
}

/** One Arrow column as a Parquet column: the schema element it is written as, and its values. */
function parquetColumn(field: Field, vector: Vector): { element: SchemaElement; data: unknown[] } {
  const type = field.type as DataType;
  const as = (element: Omit<SchemaElement, 'name' | 'repetition_type'>, data: unknown[]) => ({
    element: { name: field.name, repetition_type: 'OPTIONAL' as const, ...element },
    data,
  });
  if (DataType.isBool(type)) return as({ type: 'BOOLEAN' }, vectorToValues(vector));
  if (DataType.isInt(type) && type.bitWidth <= 32 && (type.isSigned || type.bitWidth < 32))
    return as({ type: 'INT32' }, vectorToValues(vector));
  // 64-bit integers and timestamps are read raw, as bigint, so no digit is lost on the way.
  if (DataType.isInt(type)) return as({ type: 'INT64' }, raw64(vector, 1n, 1n));
  if (DataType.isTimestamp(type)) {
    const [mul, div] = [
      [1_000_000n, 1n],
      [1000n, 1n],
      [1n, 1n],
      [1n, 1000n],
    ][type.unit] as [bigint, bigint];
    return as({ type: 'INT64', converted_type: 'TIMESTAMP_MICROS' }, raw64(vector, mul, div));
  }
  if (DataType.isFloat(type) || DataType.isDecimal(type))
    return as({ type: 'DOUBLE' }, vectorToValues(vector));
  if (DataType.isDate(type))
    return as(
      { type: 'INT32', converted_type: 'DATE' },
      vectorToValues(vector).map((v) =>
        v === null ? null : Date.parse(`${String(v)}T00:00:00Z`) / 86_400_000,
      ),
    );
  // Text as it is; anything else (lists, structs, times, intervals) as its JSON text.
  return as(
    { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    vectorToValues(vector).map((v: JsValue) =>
      v === null ? null : typeof v === 'string' ? v : JSON.stringify(v),
    ),
  );
}

/** A 64-bit column's raw values, scaled by mul/div, nulls kept. */
function raw64(vector: Vector, mul: bigint, div: bigint): (bigint | null)[] {
  const out: (bigint | null)[] = [];
  for (const data of vector.data) {
    const values = data.values as BigInt64Array | BigUint64Array;
    for (let i = 0; i < data.length; i++) {
      out.push(data.nullCount > 0 && !data.getValid(i) ? null : (BigInt(values[i] as bigint) * mul) / div);
    }
  }
  return out;
}
