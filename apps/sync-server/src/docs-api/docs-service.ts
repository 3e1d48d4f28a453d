import type { Principal } from '../http/principal.ts';
import type { Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { createCore } from './access.ts';
import { activityRoutes } from './activity.ts';
import { docTeamRoutes } from './doc-team-routes.ts';
import { docsRoutes } from './docs-routes.ts';
import { inviteRoutes } from './invite-routes.ts';
import { memberRoutes } from './member-routes.ts';
import type { Role } from './roles.ts';
import { teamRoutes } from './team-routes.ts';

export { can, DOC_ACTIONS, ROLES } from './roles.ts';
export type { DocAction, Role } from './roles.ts';

/** Documents, members, invites, teams and the activity feed, for the REST API and the WebSocket gate. */
export interface DocsService {
  /**
   * The caller's effective role on a live (not deleted) document, or null: the strongest of a direct
   * membership and the grants of the caller's teams. API keys without docs:write are capped at 'viewer';
   * without docs:read, null.
   */
  roleFor(docId: string, principal: Principal): Promise<Role | null>;
  /** Appends to the activity feed (comments, versions and published data record theirs through this). */
  recordActivity(
    docId: string,
    actorId: string | null,
    kind: string,
    detail?: Record<string, unknown>,
  ): Promise<void>;
  /** The REST routes, to mount on the relay's Router. */
  routes: Route[];
}

export interface DocsHooks {
  /** Called after a document is deleted, so its stored log can be dropped. A throw is logged, not returned. */
  onDelete?(docId: string): Promise<void>;
}

/** Builds the documents API over the relay's store; deleting a document emits 'doc-deleted' then calls `hooks.onDelete`. */
export function createDocsApi(ctx: RelayContext, hooks: DocsHooks = {}): DocsService {
  const core = createCore(ctx);
  return {
    roleFor: (docId, principal) => core.roleFor(docId, principal),
    recordActivity: (docId, actorId, kind, detail) => core.record(ctx.db, docId, actorId, kind, detail),
    routes: [
      ...docsRoutes(core, (docId) => hooks.onDelete?.(docId) ?? Promise.resolve()),
      ...memberRoutes(core),
      ...inviteRoutes(core),
      ...teamRoutes(core),
      ...docTeamRoutes(core),
      ...activityRoutes(core),
    ],
  };
}
