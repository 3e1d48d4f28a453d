/**
 * Where a run error points in the block's own text. DuckDB reports the position in the SQL that
 * ran, which is the block's SQL with the blocks it reads compiled in front as CTEs and its
 * `{{control}}` placeholders bound as `$name`. This recompiles the same SQL from the canvas (the
 * same function the host uses) and maps the position back: into this block's text, or into the
 * block it came from when the error is inside a block this one reads.
 */
import { bindControls, type CanvasDoc, canvasGraph } from '@facet/engine/common';

export interface ErrorLocation {
  /** The SQL block the error is in (this block, or one it reads). */
  block: string;
  /** 0-based offset in that block's text, and the 1-based line and column. */
  position: number;
  line: number;
  column: number;
}

/** Maps the error's position to a block; undefined when the error carries none or it cannot be placed. */
export function locateBlockError(
  canvas: CanvasDoc,
  name: string,
  text: string,
  error: unknown,
): ErrorLocation | undefined {
  const own = boundSql(text);
  const graph = canvasGraph(canvas);
  let compiled = own.sql;
  let upstream: string[] = [];
  try {
    compiled = graph.compile(name).sql;
    upstream = graph.upstream(name.toLowerCase());
  } catch {
    // The block does not compile here (renamed meanwhile, a cycle): read the error against its own SQL.
  }
  const position = errorOffset(error, compiled);
  if (position === undefined) return undefined;
  // This block's SQL ends the compiled SQL (after its own WITH keyword, when it has one).
  const suffix = commonSuffix(compiled, own.sql);
  if (position >= compiled.length - suffix) {
    return at(name, text, toRaw(text, own, position - (compiled.length - own.sql.length)));
  }
  const sqlOf = new Map(
    canvas.blocks().flatMap((b) => (b.type === 'sql' ? [[b.name.toLowerCase(), b.sql]] : [])),
  );
  for (const dep of upstream) {
    const depText = sqlOf.get(dep);
    if (depText === undefined) continue;
    const bound = boundSql(depText);
    const header = `"${dep.replaceAll('"', '""')}" AS (\n`;
    const start = compiled.indexOf(`${header}${bound.sql}\n)`);
    const bodyStart = start + header.length;
    if (start >= 0 && position >= bodyStart && position <= bodyStart + bound.sql.length) {
      const original = canvas.blocks().find((b) => b.type === 'sql' && b.name.toLowerCase() === dep);
      return at(
        original && 'name' in original ? original.name : dep,
        depText,
        toRaw(depText, bound, position - bodyStart),
      );
    }
  }
  return undefined;
}

/** The message with its "(line n, column m)" rewritten for the block the error is in. */
export function relocateMessage(message: string, location: ErrorLocation | undefined, name: string): string {
  const pattern = / \(line \d+, column \d+\)/;
  if (!location) return message.replace(pattern, '');
  const where =
    location.block.toLowerCase() === name.toLowerCase()
      ? ` (line ${location.line}, column ${location.column})`
      : ` (in block ${location.block}, line ${location.line}, column ${location.column})`;
  return pattern.test(message) ? message.replace(pattern, where) : `${message}${where}`;
}

/** The characters to underline from an offset: the word, quoted name or string there, else one character. */
export function tokenRange(text: string, position: number): { from: number; to: number } | undefined {
  if (text.length === 0) return undefined;
  let from = Math.max(0, Math.min(position, text.length));
  if (from === text.length) {
    // Past the end ("unexpected end of input"): the last visible character.
    while (from > 0 && /\s/.test(text[from - 1] ?? '')) from--;
    return { from: Math.max(0, from - 1), to: Math.max(1, from) };
  }
  const char = text[from] ?? '';
  let to = from + 1;
  if (/[\w$]/.test(char)) {
    while (to < text.length && /[\w$]/.test(text[to] ?? '')) to++;
  } else if (char === '"' || char === "'") {
    const close = text.indexOf(char, from + 1);
    to = close < 0 ? text.length : close + 1;
  }
  return { from, to };
}

/** The SQL the compiler makes of a block's text: trailing `;`/space dropped, placeholders bound. */
function boundSql(text: string): { raw: string; sql: string } {
  const raw = text.replace(/[\s;]+$/, '');
  return { raw, sql: bindControls(raw).sql };
}

/** An offset in DuckDB's error: `position`, else its line and column read against `sql`. */
function errorOffset(error: unknown, sql: string): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { position, line, column } = error as { position?: unknown; line?: unknown; column?: unknown };
  if (typeof position === 'number' && Number.isInteger(position) && position >= 0 && position <= sql.length) {
    return position;
  }
  if (typeof line !== 'number' || typeof column !== 'number' || line < 1 || column < 1) return undefined;
  const lines = sql.split('\n');
  if (line > lines.length) return undefined;
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
  return offset + Math.min(column - 1, lines[line - 1]?.length ?? 0);
}

/** Maps an offset in the bound SQL back to the text (placeholders are longer than `$name`). */
function toRaw(text: string, bound: { raw: string; sql: string }, offset: number): number {
  const clamp = (n: number): number => Math.max(0, Math.min(n, text.length));
  if (bound.raw === bound.sql) return clamp(offset);
  const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
  const dollar = (name: string | undefined): string => `$${(name ?? '').toLowerCase()}`;
  // A placeholder-looking text inside a string or comment is not bound: then this walk does not apply.
  if (bound.raw.replace(placeholder, (_m, name: string) => dollar(name)) !== bound.sql) return clamp(offset);
  let raw = 0;
  let sql = 0;
  for (const match of bound.raw.matchAll(placeholder)) {
    const literal = match.index - raw;
    if (offset < sql + literal) break;
    sql += literal;
    const replacement = dollar(match[1]).length;
    if (offset < sql + replacement) return match.index;
    sql += replacement;
    raw = match.index + match[0].length;
  }
  return clamp(raw + (offset - sql));
}

function at(block: string, text: string, position: number): ErrorLocation {
  const before = text.slice(0, position).split('\n');
  return { block, position, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
