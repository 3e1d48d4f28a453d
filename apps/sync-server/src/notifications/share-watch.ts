import { memberRole } from '../docs-api/access.ts';
import type { RelayContext } from '../relay-context.ts';
import type { Notifier } from './notifier.ts';

/** How far back an access change's activity row may be (the event follows the commit at once). */
const RECENT_MS = 5 * 60_000;

type ActivityRow = { id: unknown; actor_id: string | null; kind: string; detail: string };

function detailOf(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Share notifications from the access events the documents API already emits: when a user gains access
 * (added as a member, or their team was granted the document) the matching activity row says by whom;
 * it also keys the notification, so role changes, other relays (Redis-bridged events) and repeats
 * notify once. Accepting an invite oneself notifies no one.
 */
export function watchShares(ctx: RelayContext, notifier: Notifier): void {
  const share = async (docId: string, userId: string) => {
    const role = await memberRole(ctx.db, docId, userId);
    if (!role) return;
    const rows = await ctx.db.all<ActivityRow>(
      `SELECT id, actor_id, kind, detail FROM activity
         WHERE doc_id = ? AND kind IN ('member-added', 'team-granted') AND at >= ? ORDER BY id DESC LIMIT 50`,
      [docId, ctx.now() - RECENT_MS],
    );
    const teams = new Set(
      (
        await ctx.db.all<{ team_id: string }>('SELECT team_id FROM team_members WHERE user_id = ?', [userId])
      ).map((r) => r.team_id),
    );
    const grant = rows.find((r) => {
      const detail = detailOf(r.detail);
      return r.kind === 'member-added' ? detail.userId === userId : teams.has(String(detail.teamId));
    });
    if (!grant || grant.actor_id === null || grant.actor_id === userId) return;
    const [actor, doc, user] = await Promise.all([
      notifier.userName(grant.actor_id),
      notifier.docName(docId),
      notifier.userName(userId),
    ]);
    const key = `share:${docId}:${String(grant.id)}`;
    await notifier.notify({
      kind: 'share',
      userIds: [userId],
      docId,
      actorId: grant.actor_id,
      title: `${actor} shared “${doc}” with you`,
      body: `You were added as ${role}.`,
      data: { role },
      dedupeKey: key,
    });
    await notifier.webhook(
      docId,
      'share',
      `${key}:${userId}`,
      `${actor} shared “${doc}” with ${user} (${role})`,
      {
        userId,
        role,
        actorId: grant.actor_id,
      },
    );
  };
  ctx.events.on('access-changed', ({ docId, userId }) => {
    if (!userId) return;
    share(docId, userId).catch((error: unknown) =>
      ctx.log.warn({ err: error, doc: docId }, 'share notification'),
    );
  });
}
