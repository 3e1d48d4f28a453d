import { z } from 'zod';
import { int, type Queryable } from '../db/db.ts';
import { conflict, forbidden, notFound } from '../http/http-error.ts';
import { route, type Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { caller, type DocsCore } from './access.ts';
import { newId, pathId } from './ids.ts';
import { emailSchema, nameSchema, teamRoleSchema, teamView, type TeamView } from './schemas.ts';

export type TeamRole = 'owner' | 'member';

type TeamMemberRow = {
  id: string;
  name: string;
  created_at: unknown;
  user_id: string;
  role: string;
  user_name: string;
  user_email: string;
};

const NO_TEAM = 'No such team, or you are not in it.';

/** The caller's role in a team; teams are private to their members, so anyone else gets a 404. */
export async function teamRole(
  q: Queryable,
  rawTeamId: string | undefined,
  userId: string,
): Promise<{ teamId: string; role: TeamRole }> {
  const teamId = pathId(rawTeamId, NO_TEAM);
  const row = await q.get<{ role: string }>(
    'SELECT role FROM team_members WHERE team_id = ? AND user_id = ?',
    [teamId, userId],
  );
  if (!row) throw notFound(NO_TEAM);
  return { teamId, role: row.role === 'owner' ? 'owner' : 'member' };
}

/** Tells the WebSocket layer to re-check one user on every live document the team is granted. */
export async function emitTeamAccess(
  ctx: RelayContext,
  teamId: string,
  userIds: readonly string[],
): Promise<void> {
  const docs = await ctx.db.all<{ doc_id: string }>(
    'SELECT dt.doc_id FROM doc_teams dt JOIN docs d ON d.id = dt.doc_id WHERE dt.team_id = ? AND d.deleted_at IS NULL',
    [teamId],
  );
  for (const { doc_id: docId } of docs)
    for (const userId of userIds) ctx.events.emit('access-changed', { docId, userId });
}

/** Teams: named groups of people that can be granted a role on documents. */
export function teamRoutes(core: DocsCore): Route[] {
  const { ctx } = core;
  const { db } = ctx;

  async function teams(userId: string, teamId?: string): Promise<TeamView[]> {
    const rows = await db.all<TeamMemberRow>(
      `SELECT t.id, t.name, t.created_at, tm.user_id, tm.role, u.name AS user_name, u.email AS user_email
         FROM teams t
         JOIN team_members mine ON mine.team_id = t.id AND mine.user_id = ?
         JOIN team_members tm ON tm.team_id = t.id
         JOIN users u ON u.id = tm.user_id
         ${teamId ? 'WHERE t.id = ?' : ''}
         ORDER BY t.created_at, t.id, u.name, tm.user_id`,
      teamId ? [userId, teamId] : [userId],
    );
    const byId = new Map<string, TeamView>();
    for (const row of rows) {
      let team = byId.get(row.id);
      if (!team) {
        team = { id: row.id, name: row.name, role: 'member', createdAt: int(row.created_at), members: [] };
        byId.set(row.id, team);
      }
      const role: TeamRole = row.role === 'owner' ? 'owner' : 'member';
      if (row.user_id === userId) team.role = role;
      team.members.push({ userId: row.user_id, name: row.user_name, email: row.user_email, role });
    }
    return [...byId.values()];
  }

  async function team(userId: string, teamId: string): Promise<TeamView> {
    const [found] = await teams(userId, teamId);
    if (!found) throw notFound(NO_TEAM);
    return found;
  }

  /** Refuses to leave a team without an owner (rows locked on Postgres, as for documents). */
  async function assertNotLastTeamOwner(tx: Queryable, teamId: string, userId: string): Promise<void> {
    const owners = await tx.all<{ user_id: string }>(
      `SELECT user_id FROM team_members WHERE team_id = ? AND role = 'owner'${db.dialect.forUpdate}`,
      [teamId],
    );
    if (owners.length <= 1 && owners.some((o) => o.user_id === userId)) {
      throw conflict('A team needs an owner: make someone else an owner first.');
    }
  }

  return [
    route({
      method: 'POST',
      path: '/api/teams',
      summary: 'Create a team; the caller becomes its owner',
      tag: 'teams',
      auth: 'user',
      body: z.object({ name: nameSchema }),
      response: teamView,
      status: 201,
      handler: async ({ body, principal }) => {
        const me = caller(principal, 'docs:write');
        const id = newId();
        await db.transaction(async (tx) => {
          await tx.run('INSERT INTO teams (id, name, created_by, created_at) VALUES (?, ?, ?, ?)', [
            id,
            body.name,
            me.userId,
            ctx.now(),
          ]);
          await tx.run('INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)', [
            id,
            me.userId,
            'owner',
          ]);
        });
        return team(me.userId, id);
      },
    }),

    route({
      method: 'GET',
      path: '/api/teams',
      summary: 'The teams the caller belongs to, with their members',
      tag: 'teams',
      auth: 'user',
      response: z.array(teamView),
      handler: async ({ principal }) => teams(caller(principal, 'docs:read').userId),
    }),

    route({
      method: 'POST',
      path: '/api/teams/:id/members',
      summary: 'Add someone to a team by email, or change their team role (team owners)',
      tag: 'teams',
      auth: 'user',
      body: z.object({ email: emailSchema, role: teamRoleSchema }),
      response: teamView,
      handler: async ({ params, body, principal }) => {
        const me = caller(principal, 'docs:write');
        const { teamId, role: mine } = await teamRole(db, params.id, me.userId);
        if (mine !== 'owner') throw forbidden('Only team owners can add or change team members.');
        const user = await db.get<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower(?)', [
          body.email,
        ]);
        if (!user) throw notFound('No account uses this email.');
        await db.transaction(async (tx) => {
          if (body.role !== 'owner') await assertNotLastTeamOwner(tx, teamId, user.id);
          await tx.run(
            `INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)
               ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role`,
            [teamId, user.id, body.role],
          );
        });
        await emitTeamAccess(ctx, teamId, [user.id]);
        return team(me.userId, teamId);
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/teams/:id/members/:userId',
      summary: 'Remove someone from a team (team owners), or leave it yourself',
      tag: 'teams',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal }) => {
        const me = caller(principal, 'docs:write');
        const { teamId, role: mine } = await teamRole(db, params.id, me.userId);
        const userId = pathId(params.userId, 'No such team member.');
        if (userId !== me.userId && mine !== 'owner')
          throw forbidden('Only team owners can remove team members.');
        const removed = await db.transaction(async (tx) => {
          await assertNotLastTeamOwner(tx, teamId, userId);
          return tx.run('DELETE FROM team_members WHERE team_id = ? AND user_id = ?', [teamId, userId]);
        });
        if (removed === 0) throw notFound('No such team member.');
        await emitTeamAccess(ctx, teamId, [userId]);
        return undefined;
      },
    }),
  ];
}
