/** Turns a reader's or DuckDB's complaint about a file into a SourceFormatError a user can act on. */
import { FacetError, SourceFormatError } from '../errors.ts';
import { isTextFormat, type SourceFormat } from '../sources/formats.ts';

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

/** Hints the engine found itself (e.g. by scanning the text) to add to DuckDB's message. */
export interface SourceErrorHints {
  line?: number;
  reason?: string;
}

export function sourceError(
  name: string,
  format: SourceFormat,
  error: unknown,
  hints: SourceErrorHints = {},
): FacetError {
  if (error instanceof FacetError) return error;
  // DuckDB appends the failing SQL statement ("LINE 1: SELECT …"); it is ours, not the user's.
  const raw = (error instanceof Error ? error.message : String(error)).split(/\n\s*\nLINE \d+:/)[0] ?? '';
  const line = hints.line ?? (isTextFormat(format) ? lineNumberIn(raw) : undefined);
  let reason = explanationLine(raw);
  reason = reason.replace(/^[A-Za-z ]+ Error: /, '');
  if (hints.reason) reason = hints.reason;
  else if (/Maximum call stack size exceeded/i.test(raw)) reason = 'its values are nested too deeply';
  else if (/invalid unicode|byte sequence mismatch|not valid utf-?8/i.test(raw))
    reason = 'the file is not valid UTF-8 text';
  else if (/Expected Number of Columns|too many columns|columns than/i.test(raw)) {
    reason = 'a row has a different number of fields than the header';
  } else if (/not possible to automatically detect the CSV parsing dialect/i.test(raw)) {
    reason = 'its rows do not share one delimiter, field count and quoting';
  }
  const where = line !== undefined ? ` (line ${line})` : '';
  return new SourceFormatError(
    name,
    `Could not read "${name}" as ${formatName(format)}${where}: ${reason.replace(/[.\s]+$/, '')}.`,
    { line, cause: error },
  );
}

/** DuckDB's first line, or for CSV errors ("CSV Error on Line: 7") the line that says what went wrong. */
function explanationLine(raw: string): string {
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const first = lines[0] ?? raw.trim();
  if (!/CSV Error on Line/i.test(first)) return first;
  const detail = lines
    .slice(1)
    .find(
      (l) =>
        !/^(Original Line|Possible (Solution|fixes)|\*|file=|DIALECT|delimiter|quote|escape|new_line|header|skip|comment|strict_mode|date_format|timestamp_format|null_padding|sample_size|ignore_errors|all_varchar)/i.test(
          l,
        ),
    );
  return detail ?? first;
}

function lineNumberIn(message: string): number | undefined {
  const match =
    /\bLine: (\d+)/.exec(message) ?? /\bat line (\d+)/i.exec(message) ?? /\bin line (\d+)/i.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * The first line whose field count differs from the header's, counting delimiters outside double
 * quotes. Used to point at the bad row when DuckDB's sniffer gives up on a ragged file.
 */
export function findRaggedLine(text: string, delimiter: string): number | undefined {
  let expected: number | undefined;
  let fields = 1;
  let inQuotes = false;
  let line = 1;
  let lineStart = 1;
  let sawContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) fields++;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (sawContent) {
        if (expected === undefined) expected = fields;
        else if (fields !== expected) return lineStart;
      }
      fields = 1;
      sawContent = false;
      line++;
      lineStart = line;
      continue;
    }
    if (ch !== '\n' && ch !== '\r') sawContent = true;
    if (ch === '\n') line++;
  }
  if (sawContent && expected !== undefined && fields !== expected) return lineStart;
  return undefined;
}
