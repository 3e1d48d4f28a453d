import { z } from 'zod';
import { int } from '../db/db.ts';
import { HttpError, forbidden, notFound } from '../http/http-error.ts';
import { route, type Route } from '../http/router.ts';
import { caller, memberRole, type DocRow, type DocsCore } from './access.ts';
import { hashToken, newId, newToken, pathId } from './ids.ts';
import { assertMayChange, assertMayGrant } from './member-rules.ts';
import { atLeast, isRole, type Role } from './roles.ts';
import { createdInvite, docView, emailSchema, inviteView, roleSchema } from './schemas.ts';

type InviteRow = {
  id: string;
  doc_id: string;
  role: string;
  email: string | null;
  expires_at: unknown;
  created_by: string;
  created_at: unknown;
  revoked_at: unknown;
  uses: unknown;
};

const gone = (message: string) => new HttpError(410, 'gone', message);

function toView(row: InviteRow) {
  return {
    id: row.id,
    role: isRole(row.role) ? row.role : 'viewer',
    email: row.email,
    expiresAt: int(row.expires_at),
    createdBy: row.created_by,
    createdAt: int(row.created_at),
    revokedAt: row.revoked_at === null ? null : int(row.revoked_at),
    uses: int(row.uses),
  };
}

/** Invite links: a secret URL that lets whoever opens it (or only one email) join with a role. */
export function inviteRoutes(core: DocsCore): Route[] {
  const { ctx } = core;
  const { db } = ctx;

  return [
    route({
      method: 'POST',
      path: '/api/docs/:id/invites',
      summary: 'Create an invite link with a role (up to your own) and an expiry; the token is shown once',
      tag: 'invites',
      auth: 'user',
      body: z.object({
        role: roleSchema,
        expiresInHours: z.number().int().min(1).max(720),
        email: emailSchema.optional(),
      }),
      response: createdInvite,
      status: 201,
      handler: async ({ params, body, principal }) => {
        const { doc, role: mine } = await core.authorize(principal, params.id, 'manage-members');
        assertMayGrant(mine, body.role);
        const id = newId();
        const token = newToken();
        const now = ctx.now();
        const expiresAt = now + body.expiresInHours * 3_600_000;
        const email = body.email ?? null;
        await db.transaction(async (tx) => {
          await tx.run(
            `INSERT INTO invites (id, doc_id, token_hash, role, email, expires_at, created_by, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [id, doc.id, hashToken(token), body.role, email, expiresAt, principal!.userId, now],
          );
          await core.record(tx, doc.id, principal!.userId, 'invite-created', {
            inviteId: id,
            role: body.role,
            email,
          });
        });
        return { id, url: `${ctx.publicUrl}/invite/${token}`, token, role: body.role, email, expiresAt };
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/invites',
      summary: 'The document’s invite links (without their tokens), newest first',
      tag: 'invites',
      auth: 'user',
      response: z.array(inviteView),
      handler: async ({ params, principal }) => {
        const { doc } = await core.authorize(principal, params.id, 'manage-members');
        const rows = await db.all<InviteRow>(
          'SELECT * FROM invites WHERE doc_id = ? ORDER BY created_at DESC, id',
          [doc.id],
        );
        return rows.map(toView);
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/docs/:id/invites/:inviteId',
      summary: 'Revoke an invite link (people who already joined keep their access)',
      tag: 'invites',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal }) => {
        const { doc, role: mine } = await core.authorize(principal, params.id, 'manage-members');
        const inviteId = pathId(params.inviteId, 'No such invite.');
        const invite = await db.get<InviteRow>('SELECT * FROM invites WHERE id = ? AND doc_id = ?', [
          inviteId,
          doc.id,
        ]);
        if (!invite) throw notFound('No such invite.');
        assertMayChange(mine, isRole(invite.role) ? invite.role : 'viewer');
        await db.transaction(async (tx) => {
          const n = await tx.run('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
            ctx.now(),
            inviteId,
          ]);
          if (n > 0) await core.record(tx, doc.id, principal!.userId, 'invite-revoked', { inviteId });
        });
        return undefined;
      },
    }),

    route({
      method: 'POST',
      path: '/api/invites/accept',
      summary: 'Join a document through an invite link (an existing stronger role is kept)',
      tag: 'invites',
      auth: 'user',
      body: z.object({ token: z.string().min(1).max(200) }),
      response: docView,
      handler: async ({ body, principal }) => {
        const me = caller(principal, 'docs:write');
        const invite = await db.get<InviteRow>('SELECT * FROM invites WHERE token_hash = ?', [
          hashToken(body.token),
        ]);
        if (!invite || !isRole(invite.role)) throw notFound('This invite link is not valid.');
        const role: Role = invite.role;
        if (invite.revoked_at !== null) throw gone('This invite link was revoked.');
        if (int(invite.expires_at) <= ctx.now()) throw gone('This invite link has expired.');
        const doc = await db.get<DocRow>(
          'SELECT id, name, owner_id, created_at, updated_at FROM docs WHERE id = ? AND deleted_at IS NULL',
          [invite.doc_id],
        );
        if (!doc) throw gone('The document of this invite no longer exists.');
        if (invite.email !== null) {
          const user = await db.get<{ email: string }>('SELECT email FROM users WHERE id = ?', [me.userId]);
          if (!user || user.email.toLowerCase() !== invite.email.toLowerCase()) {
            throw forbidden('This invite is for another email address.');
          }
        }
        const changed = await db.transaction(async (tx) => {
          const current = await tx.get<{ role: string }>(
            `SELECT role FROM doc_members WHERE doc_id = ? AND user_id = ?${db.dialect.forUpdate}`,
            [doc.id, me.userId],
          );
          const raise = !current || !isRole(current.role) || !atLeast(current.role, role);
          if (raise) {
            await tx.run(
              `INSERT INTO doc_members (doc_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role`,
              [doc.id, me.userId, role, invite.created_by, ctx.now()],
            );
          }
          await tx.run('UPDATE invites SET uses = uses + 1 WHERE id = ?', [invite.id]);
          await core.record(tx, doc.id, me.userId, 'invite-accepted', {
            inviteId: invite.id,
            userId: me.userId,
            role,
          });
          return raise;
        });
        if (changed) ctx.events.emit('access-changed', { docId: doc.id, userId: me.userId });
        return core.view(doc, (await memberRole(db, doc.id, me.userId)) ?? role);
      },
    }),
  ];
}
