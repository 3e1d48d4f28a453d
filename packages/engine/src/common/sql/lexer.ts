/**
 * A small SQL tokenizer that understands what matters for rewriting DuckDB SQL without breaking it:
 * string literals ('…', E'…', $tag$…$tag$), quoted identifiers ("…"), comments (-- and nested
 * /* *\/), named parameters ($name, :name is not DuckDB) and words. It never fails: unterminated
 * strings or comments simply run to the end of the input (DuckDB reports those errors itself).
 */

export type TokenKind =
  'word' | 'quoted-ident' | 'string' | 'comment' | 'param' | 'number' | 'symbol' | 'space';

export interface Token {
  kind: TokenKind;
  /** The token's text exactly as written. */
  text: string;
  /** 0-based offset of the first character. */
  start: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: sql.slice(start, end), start });
  };
  while (i < n) {
    const c = sql[i] as string;
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i] as string)) i++;
      push('space', start, i);
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      push('comment', start, i);
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      push('comment', start, i);
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      i = skipQuoted(sql, c === "'" ? i : i + 1, "'", c !== "'");
      push('string', start, i);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
      push('quoted-ident', start, i);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        push('string', start, i);
      } else {
        i++;
        while (i < n && /[A-Za-z0-9_]/.test(sql[i] as string)) i++;
        push(i > start + 1 ? 'param' : 'symbol', start, i);
      }
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < n && /[0-9._eE]/.test(sql[i] as string)) {
        if ((sql[i] === 'e' || sql[i] === 'E') && (sql[i + 1] === '-' || sql[i + 1] === '+')) i++;
        i++;
      }
      push('number', start, i);
    } else if (WORD_START.test(c)) {
      while (i < n && WORD_PART.test(sql[i] as string)) i++;
      push('word', start, i);
    } else {
      i++;
      push('symbol', start, i);
    }
  }
  return tokens;
}

/** Returns the index just past a quoted run starting at `i` (doubled quotes escape themselves). */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const ch = sql[j];
    if (backslashEscapes && ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/** The identifiers (bare words and quoted names, unquoted) that appear in the SQL, lower-cased. */
export function referencedNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const token of tokenize(sql)) {
    if (token.kind === 'word') names.add(token.text.toLowerCase());
    else if (token.kind === 'quoted-ident')
      names.add(token.text.slice(1, -1).replaceAll('""', '"').toLowerCase());
  }
  return names;
}

/** True when the SQL holds nothing but white space and comments. */
export function isBlankSql(sql: string): boolean {
  return tokenize(sql).every((t) => t.kind === 'space' || t.kind === 'comment' || t.text === ';');
}

/** The first keyword of each statement, lower-cased (e.g. `['with', 'select']`). */
export function statementKeywords(sql: string): string[] {
  const keywords: string[] = [];
  let expectKeyword = true;
  for (const token of tokenize(sql)) {
    if (token.kind === 'space' || token.kind === 'comment') continue;
    if (token.text === ';') {
      expectKeyword = true;
      continue;
    }
    if (expectKeyword) {
      keywords.push(token.kind === 'word' ? token.text.toLowerCase() : token.text);
      expectKeyword = false;
    }
  }
  return keywords;
}

/** One statement of a script and where it starts in the script. */
export interface StatementSpan {
  text: string;
  start: number;
}

/** Splits a script into statements at top-level semicolons; blank statements are dropped. */
export function splitStatements(sql: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let start = 0;
  const flush = (end: number): void => {
    const text = sql.slice(start, end);
    if (!isBlankSql(text)) spans.push({ text, start });
  };
  for (const token of tokenize(sql)) {
    if (token.kind === 'symbol' && token.text === ';') {
      flush(token.start);
      start = token.start + 1;
    }
  }
  flush(sql.length);
  return spans;
}

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
