/**
 * Words and snippets for the browser's search index. A word is a run of letters, digits or `_`
 * (as SQLite's unicode61 tokenizer sees them on the desktop); it is compared case- and
 * accent-insensitively, and a query word matches every word it is a prefix of.
 */

export interface Token {
  /** The word as compared: lower case, accents removed. */
  key: string;
  /** Where it is in the original text. */
  start: number;
  end: number;
}

/** A snippet: the passage around the matches, split into plain and matched parts. */
export type Snippet = { text: string; match: boolean }[];

const WORD = /[\p{L}\p{N}_]+/gu;

/** The words of a text, with their places. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD))
    out.push({ key: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** A word as compared: NFKC, lower case, without combining marks (é → e). */
export function foldWord(word: string): string {
  return word.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** The words of a query, folded, at most 32 (like the desktop's FTS query). */
export function queryWords(text: string): string[] {
  return [...new Set(tokenize(text).map((t) => t.key))].slice(0, 32);
}

/** Whether a word matches any of the query words (each a prefix). */
export function matchesAny(key: string, words: readonly string[]): boolean {
  return words.some((w) => key.startsWith(w));
}

/**
 * The passage of `text` of at most `size` words that holds the most distinct query words (then the
 * most matches), with `…` where it was cut, split into parts so the UI never renders user text as
 * HTML. An empty list when the text has no words.
 */
export function snippet(text: string, words: readonly string[], size = 16): Snippet {
  const tokens = tokenize(text);
  if (tokens.length === 0) return text.trim() ? [{ text: text.trim(), match: false }] : [];
  const hits = tokens.map((t) => words.findIndex((w) => t.key.startsWith(w)));
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start <= Math.max(0, tokens.length - size); start++) {
    const window = hits.slice(start, start + size).filter((h) => h >= 0);
    const score = new Set(window).size * 1000 + window.length;
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  // Start a little before the first match, so the reader sees what leads to it.
  const firstHit = hits.findIndex((h, i) => i >= best && h >= 0);
  if (firstHit > best + 2 && tokens.length > size)
    best = Math.max(0, Math.min(firstHit - 2, tokens.length - size));
  const last = Math.min(tokens.length, best + size) - 1;
  const parts: Snippet = [];
  const push = (piece: string, match: boolean): void => {
    if (!piece) return;
    const previous = parts.at(-1);
    if (previous && previous.match === match && !match) previous.text += piece;
    else parts.push({ text: piece, match });
  };
  if (best > 0) push('…', false);
  let at = (tokens[best] as Token).start;
  for (let i = best; i <= last; i++) {
    const token = tokens[i] as Token;
    push(text.slice(at, token.start), false);
    push(text.slice(token.start, token.end), (hits[i] as number) >= 0);
    at = token.end;
  }
  if (last < tokens.length - 1) push('…', false);
  return parts;
}
