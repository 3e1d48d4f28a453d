import { randomUUID } from 'node:crypto';
import { int, type Db } from '../db/db.ts';

/** What a notification is about. `failure` and `version` are raised by other modules through `notify`. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'share', 'version', 'failure'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One entry of a user's inbox, as the API returns it. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  docId: string | null;
  actorId: string | null;
  title: string;
  body: string;
  /** Kind-specific fields: commentId and threadId (mention, reply), versionId (version), role (share). */
  data: Record<string, unknown>;
  createdAt: number;
  readAt: number | null;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  docId?: string | null;
  actorId?: string | null;
  title: string;
  body?: string;
  data?: Record<string, unknown>;
  /** Unique across the store: a second insert with the same key (e.g. from another relay) is a no-op. */
  dedupeKey?: string;
}

type Row = {
  id: string;
  kind: string;
  doc_id: string | null;
  actor_id: string | null;
  data: string;
  created_at: unknown;
  read_at: unknown;
};

function toView(row: Row): NotificationView {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    // A row written by hand or a newer relay: show it without its details rather than fail the inbox.
  }
  const { title, body, ...rest } = data;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    docId: row.doc_id,
    actorId: row.actor_id,
    title: typeof title === 'string' ? title : '',
    body: typeof body === 'string' ? body : '',
    data: rest,
    createdAt: int(row.created_at),
    readAt: row.read_at === null ? null : int(row.read_at),
  };
}

/** The inbox tables: notifications and per-user settings. */
export class NotificationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Inserts a notification; returns it, or null when its dedupe key was already used. */
  async insert(n: NewNotification): Promise<NotificationView | null> {
    const id = randomUUID();
    const createdAt = this.now();
    const data = JSON.stringify({ title: n.title, body: n.body ?? '', ...n.data });
    const added = await this.db.run(
      `INSERT INTO notifications (id, user_id, kind, doc_id, actor_id, dedupe_key, data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
      [id, n.userId, n.kind, n.docId ?? null, n.actorId ?? null, n.dedupeKey ?? null, data, createdAt],
    );
    if (added === 0) return null;
    return toView({
      id,
      kind: n.kind,
      doc_id: n.docId ?? null,
      actor_id: n.actorId ?? null,
      data,
      created_at: createdAt,
      read_at: null,
    });
  }

  async list(
    userId: string,
    options: { unreadOnly: boolean; limit: number; before?: number },
  ): Promise<NotificationView[]> {
    const rows = await this.db.all<Row>(
      `SELECT id, kind, doc_id, actor_id, data, created_at, read_at FROM notifications
         WHERE user_id = ?${options.unreadOnly ? ' AND read_at IS NULL' : ''}${options.before !== undefined ? ' AND created_at < ?' : ''}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      [userId, ...(options.before !== undefined ? [options.before] : []), options.limit],
    );
    return rows.map(toView);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db.get<{ n: unknown }>(
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
      [userId],
    );
    return int(row?.n);
  }

  /** Marks the user's notifications read (the given ids, or all); ids of other users are ignored. */
  async markRead(userId: string, ids: readonly string[] | 'all'): Promise<number> {
    const at = this.now();
    if (ids === 'all')
      return this.db.run('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [
        at,
        userId,
      ]);
    if (ids.length === 0) return 0;
    return this.db.run(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (${ids.map(() => '?').join(', ')})`,
      [at, userId, ...ids],
    );
  }

  /** Whether the user wants notifications by email (on unless they turned it off). */
  async emailEnabled(userId: string): Promise<boolean> {
    const row = await this.db.get<{ email: unknown }>(
      'SELECT email FROM notification_settings WHERE user_id = ?',
      [userId],
    );
    return row ? int(row.email) === 1 : true;
  }

  async setEmail(userId: string, email: boolean): Promise<void> {
    await this.db.run(
      `INSERT INTO notification_settings (user_id, email) VALUES (?, ?)
         ON CONFLICT (user_id) DO UPDATE SET email = excluded.email`,
      [userId, email ? 1 : 0],
    );
  }
}
