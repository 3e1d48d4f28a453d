/** Turns a reader's or DuckDB's complaint about a file into a SourceFormatError a user can act on. */
import { FacetError, SourceFormatError } from '../errors.ts';
import type { SourceFormat } from '../sources/formats.ts';

const FORMAT_NAMES: Record<SourceFormat, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  parquet: 'Parquet',
  json: 'JSON',
  ndjson: 'NDJSON',
  xlsx: 'Excel',
  arrow: 'Arrow',
  sqlite: 'SQLite',
};

export function formatName(format: SourceFormat): string {
  return FORMAT_NAMES[format];
}

export function sourceError(name: string, format: SourceFormat, error: unknown): FacetError {
  if (error instanceof FacetError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const line = lineNumberIn(raw);
  let reason = (raw.split('\n').find((l) => l.trim() !== '') ?? raw).trim();
  reason = reason.replace(/^[A-Za-z ]+ Error: /, '');
  if (/unicode|utf-?8|byte sequence/i.test(raw)) reason = 'the file is not valid UTF-8 text';
  else if (/Expected Number of Columns|too many columns|columns than/i.test(raw)) {
    reason = 'a row has a different number of fields than the header';
  }
  const where = line !== undefined ? ` (line ${line})` : '';
  return new SourceFormatError(
    name,
    `Could not read "${name}" as ${formatName(format)}${where}: ${reason.replace(/\.$/, '')}.`,
    { line, cause: error },
  );
}

function lineNumberIn(message: string): number | undefined {
  const match = /\bLine: (\d+)/.exec(message) ?? /\bline (\d+)/i.exec(message) ?? /at row (\d+)/i.exec(message);
  return match ? Number(match[1]) : undefined;
}
