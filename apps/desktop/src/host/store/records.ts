/** The small records a project keeps: query history, favorites, notifications, settings, onboarding. */
import { InvalidArgumentError } from '@facet/engine/common';
import type { HistoryEntry } from '../../shared/host-api.ts';
import type { Db } from './database.ts';

/** One run in the query history (the contract's HistoryEntry). */
export type QueryRecord = HistoryEntry;

export interface Favorite {
  kind: 'block' | 'query' | 'source' | 'canvas';
  ref: string;
  label: string;
  createdAt: number;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  createdAt: number;
  read: boolean;
}

const FAVORITE_KINDS: ReadonlySet<string> = new Set(['block', 'query', 'source', 'canvas']);
/** History is trimmed to this many entries, oldest first. */
const HISTORY_LIMIT = 10_000;

export class Records {
  constructor(private readonly db: Db) {}

  // ── Query history ──

  recordQuery(entry: Omit<QueryRecord, 'id'>): number {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO query_history (canvas_id, block, sql, started_at, duration_ms, row_count, error)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.canvasId,
          entry.block,
          entry.sql,
          entry.startedAt,
          entry.durationMs,
          entry.rowCount,
          entry.error,
        ).lastInsertRowid,
    );
    if (id % 100 === 0) {
      this.db.prepare('DELETE FROM query_history WHERE id <= ?').run(id - HISTORY_LIMIT);
    }
    return id;
  }

  /** Recent queries, newest first. */
  history(options: { limit?: number; canvasId?: string } = {}): QueryRecord[] {
    const limit = clampLimit(options.limit);
    const rows = this.db
      .prepare<[string | null, string | null, number], Record<string, unknown>>(
        `SELECT * FROM query_history WHERE (? IS NULL OR canvas_id = ?) ORDER BY id DESC LIMIT ?`,
      )
      .all(options.canvasId ?? null, options.canvasId ?? null, limit);
    return rows.map((r) => ({
      id: r.id as number,
      canvasId: r.canvas_id as string | null,
      block: r.block as string | null,
      sql: r.sql as string,
      startedAt: r.started_at as number,
      durationMs: r.duration_ms as number | null,
      rowCount: r.row_count as number | null,
      error: r.error as string | null,
    }));
  }

  // ── Favorites ──

  addFavorite(favorite: Omit<Favorite, 'createdAt'>): void {
    if (!FAVORITE_KINDS.has(favorite.kind))
      throw new InvalidArgumentError(`Unknown favorite kind "${favorite.kind}".`);
    this.db
      .prepare('INSERT OR REPLACE INTO favorites (kind, ref, label, created_at) VALUES (?, ?, ?, ?)')
      .run(favorite.kind, favorite.ref, favorite.label, Date.now());
  }

  removeFavorite(kind: Favorite['kind'], ref: string): void {
    this.db.prepare('DELETE FROM favorites WHERE kind = ? AND ref = ?').run(kind, ref);
  }

  favorites(): Favorite[] {
    return this.db
      .prepare<[], { kind: Favorite['kind']; ref: string; label: string; created_at: number }>(
        'SELECT * FROM favorites ORDER BY created_at DESC',
      )
      .all()
      .map((r) => ({ kind: r.kind, ref: r.ref, label: r.label, createdAt: r.created_at }));
  }

  // ── Notifications ──

  notify(kind: string, title: string, body = ''): number {
    return Number(
      this.db
        .prepare('INSERT INTO notifications (kind, title, body, created_at) VALUES (?, ?, ?, ?)')
        .run(kind, title, body, Date.now()).lastInsertRowid,
    );
  }

  notifications(options: { unreadOnly?: boolean; limit?: number } = {}): Notification[] {
    return this.db
      .prepare<[number, number], Record<string, unknown>>(
        'SELECT * FROM notifications WHERE (? = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT ?',
      )
      .all(options.unreadOnly ? 1 : 0, clampLimit(options.limit))
      .map((r) => ({
        id: r.id as number,
        kind: r.kind as string,
        title: r.title as string,
        body: r.body as string,
        createdAt: r.created_at as number,
        read: r.read_at !== null,
      }));
  }

  markRead(ids: readonly number[] | 'all'): void {
    const now = Date.now();
    if (ids === 'all') this.db.prepare('UPDATE notifications SET read_at = ? WHERE read_at IS NULL').run(now);
    else {
      const stmt = this.db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL');
      this.db.transaction(() => ids.forEach((id) => stmt.run(now, id)))();
    }
  }

  // ── Settings ──

  setting<T = unknown>(key: string): T | undefined {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  settings(): Record<string, unknown> {
    const rows = this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  setSetting(key: string, value: unknown): void {
    if (!key) throw new InvalidArgumentError('A setting needs a name.');
    if (value === undefined) {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
      return;
    }
    const json = JSON.stringify(value);
    if (json === undefined) throw new InvalidArgumentError(`Setting "${key}" must be a JSON value.`);
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, json);
  }

  // ── Onboarding ──

  completeStep(step: string): void {
    if (!step || step.length > 100) throw new InvalidArgumentError('A tour step needs a short name.');
    this.db.prepare('INSERT OR IGNORE INTO onboarding (step, done_at) VALUES (?, ?)').run(step, Date.now());
  }

  resetOnboarding(): void {
    this.db.prepare('DELETE FROM onboarding').run();
  }

  onboarding(): Record<string, number> {
    const rows = this.db.prepare<[], { step: string; done_at: number }>('SELECT * FROM onboarding').all();
    return Object.fromEntries(rows.map((r) => [r.step, r.done_at]));
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(Math.floor(limit ?? 100), 10_000));
}
