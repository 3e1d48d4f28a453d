import { z } from 'zod';
import { notFound } from '../http/http-error.ts';
import { route, type Route } from '../http/router.ts';
import type { DocsCore } from './access.ts';
import { pathId } from './ids.ts';
import { assertMayChange, assertMayGrant } from './member-rules.ts';
import { isRole } from './roles.ts';
import { docTeamView } from './schemas.ts';
import { teamRole } from './team-routes.ts';

/**
 * Team grants on a document. Ownership stays with people: a team may be an editor, commenter or viewer,
 * never an owner, so "the last owner" is always a person who can be asked.
 */
const grantRole = z.enum(['editor', 'commenter', 'viewer'], 'A team can be an editor, commenter or viewer.');

export function docTeamRoutes(core: DocsCore): Route[] {
  const { ctx } = core;
  const { db } = ctx;

  async function members(teamId: string): Promise<string[]> {
    const rows = await db.all<{ user_id: string }>('SELECT user_id FROM team_members WHERE team_id = ?', [
      teamId,
    ]);
    return rows.map((r) => r.user_id);
  }

  function emit(docId: string, userIds: readonly string[]): void {
    for (const userId of userIds) ctx.events.emit('access-changed', { docId, userId });
  }

  return [
    route({
      method: 'GET',
      path: '/api/docs/:id/teams',
      summary: 'Teams granted a role on the document',
      tag: 'teams',
      auth: 'user',
      response: z.array(docTeamView),
      handler: async ({ params, principal }) => {
        const { doc } = await core.authorize(principal, params.id, 'read');
        const rows = await db.all<{ team_id: string; name: string; role: string }>(
          'SELECT dt.team_id, t.name, dt.role FROM doc_teams dt JOIN teams t ON t.id = dt.team_id WHERE dt.doc_id = ? ORDER BY t.name, t.id',
          [doc.id],
        );
        return rows.map((r) => ({
          teamId: r.team_id,
          name: r.name,
          role: isRole(r.role) ? r.role : 'viewer',
        }));
      },
    }),

    route({
      method: 'POST',
      path: '/api/docs/:id/teams',
      summary: 'Grant a team you belong to a role on the document (up to your own)',
      tag: 'teams',
      auth: 'user',
      body: z.object({ teamId: z.string().min(1).max(128), role: grantRole }),
      response: docTeamView,
      handler: async ({ params, body, principal }) => {
        const { doc, role: mine } = await core.authorize(principal, params.id, 'manage-members');
        assertMayGrant(mine, body.role);
        const { teamId } = await teamRole(db, body.teamId, principal!.userId);
        const existing = await db.get<{ role: string }>(
          'SELECT role FROM doc_teams WHERE doc_id = ? AND team_id = ?',
          [doc.id, teamId],
        );
        if (existing && isRole(existing.role)) assertMayChange(mine, existing.role);
        await db.transaction(async (tx) => {
          await tx.run(
            `INSERT INTO doc_teams (doc_id, team_id, role) VALUES (?, ?, ?)
               ON CONFLICT (doc_id, team_id) DO UPDATE SET role = excluded.role`,
            [doc.id, teamId, body.role],
          );
          await core.record(tx, doc.id, principal!.userId, 'team-granted', { teamId, role: body.role });
        });
        emit(doc.id, await members(teamId));
        const team = await db.get<{ name: string }>('SELECT name FROM teams WHERE id = ?', [teamId]);
        return { teamId, name: team?.name ?? '', role: body.role };
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/docs/:id/teams/:teamId',
      summary: 'Remove a team’s grant on the document',
      tag: 'teams',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal }) => {
        const { doc, role: mine } = await core.authorize(principal, params.id, 'manage-members');
        const grant = await db.get<{ team_id: string; role: string }>(
          'SELECT team_id, role FROM doc_teams WHERE doc_id = ? AND team_id = ?',
          [doc.id, pathId(params.teamId, 'This team has no role on the document.')],
        );
        if (!grant) throw notFound('This team has no role on the document.');
        if (isRole(grant.role)) assertMayChange(mine, grant.role);
        const affected = await members(grant.team_id);
        await db.transaction(async (tx) => {
          await tx.run('DELETE FROM doc_teams WHERE doc_id = ? AND team_id = ?', [doc.id, grant.team_id]);
          await core.record(tx, doc.id, principal!.userId, 'team-removed', { teamId: grant.team_id });
        });
        emit(doc.id, affected);
        return undefined;
      },
    }),
  ];
}
