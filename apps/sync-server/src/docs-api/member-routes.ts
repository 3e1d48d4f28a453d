import { z } from 'zod';
import { int } from '../db/db.ts';
import { conflict, forbidden, notFound } from '../http/http-error.ts';
import { route, type Route } from '../http/router.ts';
import { caller, type DocsCore } from './access.ts';
import { pathId } from './ids.ts';
import { assertMayChange, assertMayGrant, assertNotLastOwner, syncPrimaryOwner } from './member-rules.ts';
import { can, isRole, type Role } from './roles.ts';
import { emailSchema, memberView, roleSchema, type MemberView } from './schemas.ts';

type MemberRow = {
  user_id: string;
  name: string;
  email: string;
  role: string;
  added_by: string | null;
  added_at: unknown;
};

const SELECT_MEMBERS = `SELECT m.user_id, u.name, u.email, m.role, m.added_by, m.added_at
  FROM doc_members m JOIN users u ON u.id = m.user_id WHERE m.doc_id = ?`;

function toView(row: MemberRow): MemberView {
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: isRole(row.role) ? row.role : 'viewer',
    addedBy: row.added_by,
    addedAt: int(row.added_at),
  };
}

/** Direct members of a document: list, add by email, change role, remove (or leave). */
export function memberRoutes(core: DocsCore): Route[] {
  const { ctx } = core;
  const { db } = ctx;

  async function member(docId: string, rawUserId: string | undefined): Promise<MemberRow> {
    const userId = pathId(rawUserId, 'No such member.');
    const row = await db.get<MemberRow>(`${SELECT_MEMBERS} AND m.user_id = ?`, [docId, userId]);
    if (!row) throw notFound('No such member.');
    return row;
  }

  return [
    route({
      method: 'GET',
      path: '/api/docs/:id/members',
      summary: 'The document’s direct members (team grants: GET /api/docs/:id/teams)',
      tag: 'members',
      auth: 'user',
      response: z.array(memberView),
      handler: async ({ params, principal }) => {
        const { doc } = await core.authorize(principal, params.id, 'read');
        const rows = await db.all<MemberRow>(`${SELECT_MEMBERS} ORDER BY m.added_at, m.user_id`, [doc.id]);
        return rows.map(toView);
      },
    }),

    route({
      method: 'POST',
      path: '/api/docs/:id/members',
      summary: 'Add someone who has an account, by email, with a role up to your own',
      tag: 'members',
      auth: 'user',
      body: z.object({ email: emailSchema, role: roleSchema }),
      response: memberView,
      status: 201,
      handler: async ({ params, body, principal }) => {
        const { doc, role: mine } = await core.authorize(principal, params.id, 'manage-members');
        assertMayGrant(mine, body.role);
        const user = await db.get<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower(?)', [
          body.email,
        ]);
        if (!user) {
          throw notFound(
            'No account uses this email. Create an invite link instead (POST /api/docs/:id/invites with this email) and send it to them.',
          );
        }
        const me = principal!.userId;
        const now = ctx.now();
        await db.transaction(async (tx) => {
          const added = await tx.run(
            `INSERT INTO doc_members (doc_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (doc_id, user_id) DO NOTHING`,
            [doc.id, user.id, body.role, me, now],
          );
          if (added === 0)
            throw conflict('Already a member; change the role with PATCH /api/docs/:id/members/:userId.');
          await core.record(tx, doc.id, me, 'member-added', { userId: user.id, role: body.role });
        });
        ctx.events.emit('access-changed', { docId: doc.id, userId: user.id });
        return toView(await member(doc.id, user.id));
      },
    }),

    route({
      method: 'PATCH',
      path: '/api/docs/:id/members/:userId',
      summary: 'Change a member’s role (an owner may step down once another owner exists)',
      tag: 'members',
      auth: 'user',
      body: z.object({ role: roleSchema }),
      response: memberView,
      handler: async ({ params, body, principal }) => {
        const { doc, role: mine } = await core.authorize(principal, params.id, 'manage-members');
        const target = await member(doc.id, params.userId);
        const from: Role = isRole(target.role) ? target.role : 'viewer';
        assertMayChange(mine, from);
        assertMayGrant(mine, body.role);
        if (from === body.role) return toView(target);
        await db.transaction(async (tx) => {
          if (from === 'owner') await assertNotLastOwner(ctx, tx, doc.id, target.user_id);
          await tx.run('UPDATE doc_members SET role = ? WHERE doc_id = ? AND user_id = ?', [
            body.role,
            doc.id,
            target.user_id,
          ]);
          await syncPrimaryOwner(tx, doc.id);
          await core.record(tx, doc.id, principal!.userId, 'member-changed', {
            userId: target.user_id,
            from,
            to: body.role,
          });
        });
        ctx.events.emit('access-changed', { docId: doc.id, userId: target.user_id });
        return toView({ ...target, role: body.role });
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/docs/:id/members/:userId',
      summary: 'Remove a member, or leave the document yourself',
      tag: 'members',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal }) => {
        const me = caller(principal, 'docs:write');
        const { doc, role: mine } = await core.authorize(me, params.id, 'read');
        const target = await member(doc.id, params.userId);
        const targetRole: Role = isRole(target.role) ? target.role : 'viewer';
        if (target.user_id !== me.userId) {
          if (!can(mine, 'manage-members'))
            throw forbidden(`Your role (${mine}) does not allow this (manage-members).`);
          assertMayChange(mine, targetRole);
        }
        await db.transaction(async (tx) => {
          if (targetRole === 'owner') await assertNotLastOwner(ctx, tx, doc.id, target.user_id);
          await tx.run('DELETE FROM doc_members WHERE doc_id = ? AND user_id = ?', [doc.id, target.user_id]);
          await syncPrimaryOwner(tx, doc.id);
          await core.record(tx, doc.id, me.userId, 'member-removed', {
            userId: target.user_id,
            role: targetRole,
          });
        });
        ctx.events.emit('access-changed', { docId: doc.id, userId: target.user_id });
        return undefined;
      },
    }),
  ];
}
