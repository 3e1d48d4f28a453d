import { z } from 'zod';
import { int } from '../db/db.ts';
import { route, type Route } from '../http/router.ts';
import { caller, type DocRow, type DocsCore } from './access.ts';
import { newId } from './ids.ts';
import { isRole, strongest, capForPrincipal, type Role } from './roles.ts';
import { docView, nameSchema, type DocView } from './schemas.ts';

const nameBody = z.object({ name: nameSchema });

type ListedRow = DocRow & {
  role: string;
  owner_name: string;
  owner_email: string;
};

/** Create, list, read, rename and (soft) delete documents. */
export function docsRoutes(core: DocsCore, onDelete?: (docId: string) => Promise<void>): Route[] {
  const { ctx } = core;
  const { db } = ctx;

  return [
    route({
      method: 'POST',
      path: '/api/docs',
      summary: 'Create a document; the caller becomes its owner',
      tag: 'docs',
      auth: 'user',
      body: nameBody,
      response: docView,
      status: 201,
      handler: async ({ body, principal }) => {
        const me = caller(principal, 'docs:write');
        const now = ctx.now();
        const doc: DocRow = {
          id: newId(),
          name: body.name,
          owner_id: me.userId,
          created_at: now,
          updated_at: now,
        };
        await db.transaction(async (tx) => {
          await tx.run(
            'INSERT INTO docs (id, name, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
            [doc.id, doc.name, me.userId, now, now],
          );
          await tx.run(
            'INSERT INTO doc_members (doc_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)',
            [doc.id, me.userId, 'owner', me.userId, now],
          );
          await core.record(tx, doc.id, me.userId, 'doc-created', { name: doc.name });
        });
        return core.view(doc, 'owner');
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs',
      summary: 'Documents the caller can read, with the caller’s role (direct or through a team)',
      tag: 'docs',
      auth: 'user',
      response: z.array(docView),
      handler: async ({ principal }) => {
        const me = caller(principal, 'docs:read');
        const columns = `d.id, d.name, d.owner_id, d.created_at, d.updated_at, u.name AS owner_name, u.email AS owner_email`;
        const rows = await db.all<ListedRow>(
          `SELECT ${columns}, m.role FROM docs d
             JOIN doc_members m ON m.doc_id = d.id
             JOIN users u ON u.id = d.owner_id
             WHERE m.user_id = ? AND d.deleted_at IS NULL
           UNION ALL
           SELECT ${columns}, dt.role FROM docs d
             JOIN doc_teams dt ON dt.doc_id = d.id
             JOIN team_members tm ON tm.team_id = dt.team_id
             JOIN users u ON u.id = d.owner_id
             WHERE tm.user_id = ? AND d.deleted_at IS NULL`,
          [me.userId, me.userId],
        );
        const byId = new Map<string, { row: ListedRow; roles: Role[] }>();
        for (const row of rows) {
          if (!isRole(row.role)) continue;
          const entry = byId.get(row.id) ?? { row, roles: [] };
          entry.roles.push(row.role);
          byId.set(row.id, entry);
        }
        const docs: DocView[] = [];
        for (const { row, roles } of byId.values()) {
          const role = capForPrincipal(strongest(roles), me);
          if (!role) continue;
          docs.push({
            id: row.id,
            name: row.name,
            role,
            createdAt: int(row.created_at),
            updatedAt: int(row.updated_at),
            owner: { id: row.owner_id, name: row.owner_name, email: row.owner_email },
          });
        }
        return docs.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id',
      summary: 'One document, with the caller’s role',
      tag: 'docs',
      auth: 'user',
      response: docView,
      handler: async ({ params, principal }) => {
        const { doc, role } = await core.authorize(principal, params.id, 'read');
        return core.view(doc, role);
      },
    }),

    route({
      method: 'PATCH',
      path: '/api/docs/:id',
      summary: 'Rename a document (owners and editors)',
      tag: 'docs',
      auth: 'user',
      body: nameBody,
      response: docView,
      handler: async ({ params, body, principal }) => {
        const { doc, role } = await core.authorize(principal, params.id, 'rename');
        const now = Math.max(ctx.now(), int(doc.updated_at));
        if (body.name !== doc.name) {
          await db.transaction(async (tx) => {
            await tx.run('UPDATE docs SET name = ?, updated_at = ? WHERE id = ?', [body.name, now, doc.id]);
            await core.record(tx, doc.id, principal!.userId, 'doc-renamed', {
              from: doc.name,
              to: body.name,
            });
          });
        }
        return core.view(
          { ...doc, name: body.name, updated_at: body.name !== doc.name ? now : doc.updated_at },
          role,
        );
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/docs/:id',
      summary: 'Delete a document (owners); members lose access at once',
      tag: 'docs',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal, log }) => {
        const { doc } = await core.authorize(principal, params.id, 'delete');
        const changed = await db.transaction(async (tx) => {
          const n = await tx.run('UPDATE docs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [
            ctx.now(),
            doc.id,
          ]);
          if (n > 0) await core.record(tx, doc.id, principal!.userId, 'doc-deleted', { name: doc.name });
          return n > 0;
        });
        if (!changed) return undefined;
        ctx.events.emit('doc-deleted', { docId: doc.id });
        try {
          await onDelete?.(doc.id);
        } catch (error) {
          // The document is already gone for everyone; a failed clean-up leaves only unreachable rows.
          log.error({ err: error, docId: doc.id }, 'clean-up after deleting a document failed');
        }
        return undefined;
      },
    }),
  ];
}
