/**
 * JSON (an array of objects, or one object) and NDJSON → Arrow, for runtimes without DuckDB's JSON
 * reader. Columns are the union of keys in order of first appearance. Like DuckDB's reader, text
 * that is an ISO date or timestamp in every row becomes DATE or TIMESTAMP; nested values are kept
 * as JSON text.
 */
import type { Table } from 'apache-arrow';
import { columnsToTable, type ColumnHint, inferHint } from '../arrow/from-columns.ts';
import type { SourceFormat } from '../sources/formats.ts';

export function readJson(bytes: Uint8Array, format: SourceFormat): Table {
  const text = decodeUtf8(bytes);
  const records = format === 'ndjson' ? parseLines(text) : parseDocument(text);
  if (records.length === 0) throw new Error('the file holds no records');
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  if (keys.length === 0) throw new Error('the records have no fields');
  return columnsToTable(
    keys.map((key) => {
      const values = records.map((r) => (r[key] === undefined ? null : r[key]));
      const hint = temporalHint(values);
      if (hint) {
        const suffix = (v: string): string => (hint === 'date' ? 'T00:00:00Z' : zoneSuffix(v));
        return {
          name: key,
          values: values.map((v) => (v === null ? null : new Date(`${String(v)}${suffix(String(v))}`))),
          hint,
        };
      }
      // DuckDB reads JSON integers as BIGINT.
      return inferHint(values) === 'int32'
        ? { name: key, values, hint: 'int64' as const }
        : { name: key, values };
    }),
  );
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the file is not valid UTF-8 text');
  }
}

function parseDocument(text: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`malformed JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const rows = Array.isArray(value) ? value : [value];
  return rows.map((row) => (isRecord(row) ? row : { value: row }));
}

function parseLines(text: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      rows.push(isRecord(value) ? value : { value });
    } catch {
      throw new Error(`malformed JSON at line ${i + 1}`);
    }
  }
  return rows;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function temporalHint(values: unknown[]): ColumnHint | undefined {
  let hint: ColumnHint | undefined;
  for (const v of values) {
    if (v === null) continue;
    if (typeof v !== 'string') return undefined;
    const h = DATE.test(v) ? 'date' : TIMESTAMP.test(v) ? 'timestamp' : undefined;
    if (h === undefined || Number.isNaN(Date.parse(v))) return undefined;
    hint = hint === undefined || hint === h ? h : 'timestamp';
  }
  return hint;
}

function zoneSuffix(text: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? '' : 'Z';
}
