import { int, type Queryable } from '../db/db.ts';
import { forbidden, notFound, unauthorized } from '../http/http-error.ts';
import { hasScope, type Principal, type Scope } from '../http/principal.ts';
import type { RelayContext } from '../relay-context.ts';
import { pathId } from './ids.ts';
import { can, capForPrincipal, isRole, strongest, type DocAction, type Role } from './roles.ts';
import type { DocView } from './schemas.ts';

export type DocRow = {
  id: string;
  name: string;
  owner_id: string;
  created_at: unknown;
  updated_at: unknown;
};

/** What the route modules share: the relay context and the access checks built on it. */
export interface DocsCore {
  ctx: RelayContext;
  roleFor(docId: string, principal: Principal): Promise<Role | null>;
  /** The live document `rawId` names, when the caller may do `action` on it; 404 or 403 otherwise. */
  authorize(
    principal: Principal | null,
    rawId: string | undefined,
    action: DocAction,
  ): Promise<{ doc: DocRow; role: Role }>;
  view(doc: DocRow, role: Role, q?: Queryable): Promise<DocView>;
  /** Appends to the activity feed, inside the caller's transaction when given one. */
  record(
    q: Queryable,
    docId: string,
    actorId: string | null,
    kind: string,
    detail?: Record<string, unknown>,
  ): Promise<void>;
}

const NO_DOC = 'No such document, or you do not have access to it.';

/** The signed-in caller; an API key must also carry `scope`. */
export function caller(principal: Principal | null, scope: Scope): Principal {
  if (!principal) throw unauthorized();
  if (!hasScope(principal, scope)) throw forbidden(`This API key lacks the ${scope} scope.`);
  return principal;
}

/** The user's strongest role on a live document: direct membership or a team's grant. */
export async function memberRole(q: Queryable, docId: string, userId: string): Promise<Role | null> {
  const rows = await q.all<{ role: string }>(
    `SELECT m.role FROM doc_members m JOIN docs d ON d.id = m.doc_id
       WHERE m.doc_id = ? AND m.user_id = ? AND d.deleted_at IS NULL
     UNION ALL
     SELECT dt.role FROM doc_teams dt
       JOIN team_members tm ON tm.team_id = dt.team_id
       JOIN docs d ON d.id = dt.doc_id
       WHERE dt.doc_id = ? AND tm.user_id = ? AND d.deleted_at IS NULL`,
    [docId, userId, docId, userId],
  );
  return strongest(rows.map((r) => r.role).filter(isRole));
}

export function createCore(ctx: RelayContext): DocsCore {
  const { db } = ctx;

  async function roleFor(docId: string, principal: Principal): Promise<Role | null> {
    if (!/^[\x21-\x7e]{1,128}$/.test(docId)) return null;
    return capForPrincipal(await memberRole(db, docId, principal.userId), principal);
  }

  async function authorize(principal: Principal | null, rawId: string | undefined, action: DocAction) {
    const me = caller(principal, 'docs:read');
    const docId = pathId(rawId, NO_DOC);
    const role = await roleFor(docId, me);
    const doc = role
      ? await db.get<DocRow>(
          'SELECT id, name, owner_id, created_at, updated_at FROM docs WHERE id = ? AND deleted_at IS NULL',
          [docId],
        )
      : undefined;
    // Non-members get the same answer for a document that exists and one that does not.
    if (!role || !doc) throw notFound(NO_DOC);
    if (!can(role, action)) throw forbidden(`Your role (${role}) does not allow this (${action}).`);
    return { doc, role };
  }

  async function view(doc: DocRow, role: Role, q: Queryable = db): Promise<DocView> {
    const owner = await q.get<{ id: string; name: string; email: string }>(
      'SELECT id, name, email FROM users WHERE id = ?',
      [doc.owner_id],
    );
    return {
      id: doc.id,
      name: doc.name,
      role,
      createdAt: int(doc.created_at),
      updatedAt: int(doc.updated_at),
      owner: owner ?? { id: doc.owner_id, name: '', email: '' },
    };
  }

  async function record(
    q: Queryable,
    docId: string,
    actorId: string | null,
    kind: string,
    detail: Record<string, unknown> = {},
  ) {
    await q.run('INSERT INTO activity (doc_id, actor_id, kind, detail, at) VALUES (?, ?, ?, ?, ?)', [
      docId,
      actorId,
      kind,
      JSON.stringify(detail),
      ctx.now(),
    ]);
  }

  return { ctx, roleFor, authorize, view, record };
}
