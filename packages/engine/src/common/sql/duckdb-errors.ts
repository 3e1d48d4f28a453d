/**
 * Turns DuckDB's error text into typed, readable errors. DuckDB reports a position as a
 * `LINE n: <snippet>` line followed by a caret line; the snippet may be a window of a long line
 * marked with `...`, so the column is recovered by finding the snippet in the original SQL.
 */
import { CancelledError, SqlError } from '../errors.ts';

const KIND = /^([A-Za-z ]+?) Error: /;

/** Builds a SqlError (or CancelledError for interrupts) from a DuckDB error about `sql`. */
export function sqlErrorFromDuckDb(error: unknown, sql: string): SqlError | CancelledError {
  const raw = unwrapJsonError(error instanceof Error ? error.message : String(error));
  if (/^INTERRUPT Error|Interrupted!|query was canceled|cancelled/i.test(raw)) return new CancelledError();
  const kind = KIND.exec(raw)?.[1] ?? 'SQL';
  const location = locate(raw, sql);
  // Keep DuckDB's explanation (and "Did you mean …" hints) but drop the LINE/caret drawing.
  const body = raw
    .split(/\n\s*\nLINE \d+:/)[0]!
    .replace(/\n\s*\n/g, '\n')
    .trim();
  const where = location ? ` (line ${location.line}, column ${location.column})` : '';
  const firstLine = body.split('\n')[0] ?? body;
  const rest = body.split('\n').slice(1).join('\n');
  const message = `${firstLine}${where}${rest ? `\n${rest}` : ''}`;
  return new SqlError(message, { kind, ...location, cause: error });
}

interface Location {
  line: number;
  column: number;
  position: number;
}

function locate(message: string, sql: string): Location | undefined {
  const match = /\nLINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const snippet = match[2] ?? '';
  const caret = (match[3] ?? '').length - `LINE ${match[1]}: `.length;
  const lines = sql.split('\n');
  const text = lines[line - 1];
  if (text === undefined || caret < 0) return undefined;
  const leadingDots = snippet.startsWith('...') ? 3 : 0;
  const core = snippet.slice(leadingDots).replace(/\.\.\.$/, '');
  // DuckDB replaces tabs etc. when drawing; fall back to the caret offset when the snippet is not found.
  const found = core === '' ? -1 : text.indexOf(core);
  const offsetInLine = found >= 0 ? found + (caret - leadingDots) : caret;
  const column = Math.max(1, Math.min(offsetInLine + 1, text.length + 1));
  let position = column - 1;
  for (let i = 0; i < line - 1; i++) position += (lines[i]?.length ?? 0) + 1;
  return { line, column, position };
}

/** DuckDB-WASM reports some errors as JSON (`{"exception_type":"Parser","exception_message":…}`). */
function unwrapJsonError(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof parsed.exception_type === 'string' && typeof parsed.exception_message === 'string') {
      return `${parsed.exception_type} Error: ${parsed.exception_message}`;
    }
  } catch {
    // Not JSON after all: keep the message as it is.
  }
  return message;
}
