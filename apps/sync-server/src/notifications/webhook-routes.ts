import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { int, type Db } from '../db/db.ts';
import { caller } from '../docs-api/access.ts';
import type { DocsService } from '../docs-api/docs-service.ts';
import { pathId } from '../docs-api/ids.ts';
import { badRequest, forbidden, notFound } from '../http/http-error.ts';
import type { Principal } from '../http/principal.ts';
import { route, type Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { WEBHOOK_EVENTS, webhookUrlProblem } from './webhooks.ts';

const NO_DOC = 'No such document, or you do not have access to it.';

const hookView = z.object({
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  /** Only in the answer to PUT: the secret deliveries are signed with (generated when none was given). */
  secret: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const deliveryView = z.object({
  id: z.string(),
  event: z.string(),
  url: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

type HookRow = { url: string; events: string; created_at: unknown; updated_at: unknown };

/** The document's webhook: owners set, read and remove it, and read its delivery log. */
export function webhookRoutes(ctx: RelayContext, docs: Pick<DocsService, 'roleFor'>): Route[] {
  const { db } = ctx;
  const ownerOf = async (principal: Principal | null, rawId: string | undefined) => {
    const me = caller(principal, 'docs:read');
    const docId = pathId(rawId, NO_DOC);
    const role = await docs.roleFor(docId, me);
    if (!role) throw notFound(NO_DOC);
    if (role !== 'owner') throw forbidden('Only the owner manages the document’s webhook.');
    return docId;
  };
  return [
    route({
      method: 'PUT',
      path: '/api/docs/:id/webhook',
      summary: 'Sets the document’s webhook (owner): Slack/Teams-compatible JSON, HMAC-signed',
      tag: 'webhooks',
      auth: 'user',
      body: z
        .object({
          url: z.string().min(1).max(2048),
          secret: z
            .string()
            .min(16)
            .max(256)
            .regex(/^[\x20-\x7e]+$/, 'printable ASCII only')
            .optional(),
          events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
        })
        .strict(),
      response: hookView,
      handler: async ({ principal, params, body }) => {
        const docId = await ownerOf(principal, params.id);
        const problem = webhookUrlProblem(body.url);
        if (problem) throw badRequest(problem);
        const url = new URL(body.url).href;
        const secret = body.secret ?? randomBytes(32).toString('base64url');
        const events = [...new Set(body.events)];
        const now = ctx.now();
        await db.run(
          `INSERT INTO doc_webhooks (doc_id, url, secret, events, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (doc_id) DO UPDATE SET url = excluded.url, secret = excluded.secret,
               events = excluded.events, updated_at = excluded.updated_at`,
          [docId, url, secret, JSON.stringify(events), principal!.userId, now, now],
        );
        return { ...view(await hook(db, docId)), secret };
      },
    }),
    route({
      method: 'GET',
      path: '/api/docs/:id/webhook',
      summary: 'The document’s webhook (owner; the secret is not shown again)',
      tag: 'webhooks',
      auth: 'user',
      response: hookView,
      handler: async ({ principal, params }) => view(await hook(db, await ownerOf(principal, params.id))),
    }),
    route({
      method: 'DELETE',
      path: '/api/docs/:id/webhook',
      summary: 'Removes the document’s webhook (owner)',
      tag: 'webhooks',
      auth: 'user',
      status: 204,
      handler: async ({ principal, params }) => {
        const docId = await ownerOf(principal, params.id);
        if ((await db.run('DELETE FROM doc_webhooks WHERE doc_id = ?', [docId])) === 0)
          throw notFound('This document has no webhook.');
        return undefined;
      },
    }),
    route({
      method: 'GET',
      path: '/api/docs/:id/webhook/deliveries',
      summary: 'The webhook’s delivery log, newest first (owner)',
      tag: 'webhooks',
      auth: 'user',
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: z.object({ deliveries: z.array(deliveryView) }),
      handler: async ({ principal, params, query }) => {
        const docId = await ownerOf(principal, params.id);
        const rows = await db.all<Record<string, unknown>>(
          `SELECT id, event, url, status, attempts, response_status, error, created_at, updated_at
             FROM webhook_deliveries WHERE doc_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
          [docId, query.limit],
        );
        return {
          deliveries: rows.map((r) => ({
            id: String(r.id),
            event: String(r.event),
            url: String(r.url),
            status: String(r.status),
            attempts: int(r.attempts),
            responseStatus: r.response_status === null ? null : int(r.response_status),
            error: r.error === null ? null : String(r.error),
            createdAt: int(r.created_at),
            updatedAt: int(r.updated_at),
          })),
        };
      },
    }),
  ];
}

async function hook(db: Db, docId: string): Promise<HookRow> {
  const row = await db.get<HookRow>(
    'SELECT url, events, created_at, updated_at FROM doc_webhooks WHERE doc_id = ?',
    [docId],
  );
  if (!row) throw notFound('This document has no webhook.');
  return row;
}

function view(row: HookRow) {
  return {
    url: row.url,
    events: JSON.parse(row.events) as string[],
    createdAt: int(row.created_at),
    updatedAt: int(row.updated_at),
  };
}
