import { z } from 'zod';
import { int } from '../db/db.ts';
import { route, type Route } from '../http/router.ts';
import type { DocsCore } from './access.ts';
import { activityItem } from './schemas.ts';

type ActivityRow = {
  id: unknown;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  detail: string;
  at: unknown;
};

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const query = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** An item id from a previous page: only older items are returned. */
  before: z.coerce.number().int().positive().optional(),
});

/** The per-document activity feed, newest first, paged by item id. */
export function activityRoutes(core: DocsCore): Route[] {
  const { db } = core.ctx;
  return [
    route({
      method: 'GET',
      path: '/api/docs/:id/activity',
      summary: 'What happened to the document, newest first (page with ?before=<nextBefore>)',
      tag: 'activity',
      auth: 'user',
      query,
      response: z.object({ items: z.array(activityItem), nextBefore: z.number().nullable() }),
      handler: async ({ params, query: q, principal }) => {
        const { doc } = await core.authorize(principal, params.id, 'read');
        const rows = await db.all<ActivityRow>(
          `SELECT a.id, a.kind, a.actor_id, u.name AS actor_name, a.detail, a.at
             FROM activity a LEFT JOIN users u ON u.id = a.actor_id
             WHERE a.doc_id = ? ${q.before === undefined ? '' : 'AND a.id < ?'}
             ORDER BY a.id DESC LIMIT ?`,
          q.before === undefined ? [doc.id, q.limit + 1] : [doc.id, q.before, q.limit + 1],
        );
        const items = rows.slice(0, q.limit).map((r) => ({
          id: int(r.id),
          kind: r.kind,
          actor: r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '' },
          detail: parseDetail(r.detail),
          at: int(r.at),
        }));
        const last = items[items.length - 1];
        return { items, nextBefore: rows.length > q.limit && last ? last.id : null };
      },
    }),
  ];
}
