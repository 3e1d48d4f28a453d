/**
 * Full-text search over a project with SQLite FTS5: canvas names, block titles, SQL, notes,
 * questions, comments, and source tables with their column names. Ranked by BM25 (a title hit
 * weighs more than a body hit); each hit has a snippet split into plain and matched parts, so the
 * UI never renders user text as HTML.
 */
import { type CanvasDoc, blockLabel, blockText } from '@facet/engine/common';
import type { Db } from './database.ts';

export type SearchKind = 'canvas' | 'block' | 'comment' | 'source';

export interface SearchHit {
  kind: SearchKind;
  /** The block, comment or source table the hit is in (the canvas id for a canvas). */
  ref: string;
  canvasId: string | null;
  title: string;
  /** The matching passage: `match` parts are the words that matched. */
  snippet: { text: string; match: boolean }[];
  /** Lower is better (BM25). */
  rank: number;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

export class SearchIndex {
  constructor(private readonly db: Db) {}

  /** Replaces everything indexed for a canvas with its current content. */
  indexCanvas(canvasId: string, name: string, canvas: CanvasDoc): void {
    const insert = this.db.prepare(
      'INSERT INTO search_index (kind, ref, canvas_id, title, body) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM search_index WHERE canvas_id = ?').run(canvasId);
      insert.run('canvas', canvasId, canvasId, name, '');
      for (const block of canvas.blocks()) {
        insert.run('block', block.id, canvasId, blockLabel(block), blockText(block));
      }
      for (const comment of canvas.comments()) {
        insert.run('comment', comment.id, canvasId, comment.author, comment.text);
      }
      this.db.prepare('DELETE FROM search_stale WHERE canvas_id = ?').run(canvasId);
    })();
  }

  /** Notes that a canvas changed; it is re-indexed before the next search. */
  markStale(canvasId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO search_stale (canvas_id) VALUES (?)').run(canvasId);
  }

  staleCanvases(): string[] {
    return this.db
      .prepare<[], { canvas_id: string }>('SELECT canvas_id FROM search_stale')
      .all()
      .map((r) => r.canvas_id);
  }

  removeCanvas(canvasId: string): void {
    this.db.prepare('DELETE FROM search_index WHERE canvas_id = ?').run(canvasId);
    this.db.prepare('DELETE FROM search_stale WHERE canvas_id = ?').run(canvasId);
  }

  indexSource(table: string, fileName: string, columns: readonly string[]): void {
    this.db.transaction(() => {
      this.removeSource(table);
      this.db
        .prepare(
          "INSERT INTO search_index (kind, ref, canvas_id, title, body) VALUES ('source', ?, NULL, ?, ?)",
        )
        .run(table, table, `${fileName} ${columns.join(' ')}`);
    })();
  }

  removeSource(table: string): void {
    this.db.prepare("DELETE FROM search_index WHERE kind = 'source' AND ref = ?").run(table);
  }

  /** Hits for what a person typed, best first. Every word must match (as a prefix). */
  search(text: string, limit = 20): SearchHit[] {
    const query = toFtsQuery(text);
    if (!query) return [];
    const rows = this.db
      .prepare<
        [string, number],
        {
          kind: SearchKind;
          ref: string;
          canvas_id: string | null;
          title: string;
          snippet: string;
          rank: number;
        }
      >(
        `SELECT kind, ref, canvas_id, title,
           snippet(search_index, -1, '${OPEN}', '${CLOSE}', '…', 16) AS snippet,
           bm25(search_index, 0, 0, 0, 4.0, 1.0) AS rank
         FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(query, Math.max(1, Math.min(limit, 500)));
    return rows.map((r) => ({
      kind: r.kind,
      ref: r.ref,
      canvasId: r.canvas_id,
      title: r.title,
      snippet: splitSnippet(r.snippet),
      rank: r.rank,
    }));
  }
}

/**
 * Turns typed text into an FTS5 query: each word quoted (so FTS syntax in the input is just text)
 * and matched as a prefix, all words required.
 */
export function toFtsQuery(text: string): string {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words
    .slice(0, 32)
    .map((w) => `"${w.replaceAll('"', '""')}"*`)
    .join(' ');
}

function splitSnippet(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  for (const piece of snippet.split(OPEN)) {
    const close = piece.indexOf(CLOSE);
    if (close < 0) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), match: true });
    if (close + 1 < piece.length) parts.push({ text: piece.slice(close + 1), match: false });
  }
  return parts;
}
