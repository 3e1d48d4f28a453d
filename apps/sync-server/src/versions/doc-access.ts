import type { Db } from '../db/db.ts';
import { caller, type DocRow } from '../docs-api/access.ts';
import type { DocsService } from '../docs-api/docs-service.ts';
import { pathId } from '../docs-api/ids.ts';
import { can, type DocAction, type Role } from '../docs-api/roles.ts';
import { forbidden, notFound } from '../http/http-error.ts';
import type { Principal } from '../http/principal.ts';

/** What the versions and data modules need to check access: the store and the documents API's roles. */
export interface DocAccess {
  db: Db;
  docs: Pick<DocsService, 'roleFor' | 'recordActivity'>;
}

const NO_DOC = 'No such document, or you do not have access to it.';

/**
 * The live document `rawId` names and the caller's role on it, when the role allows `action`.
 * Same answers as the documents API: 401 without credentials, 404 for a non-member (whether or not
 * the document exists), 403 for a member whose role does not allow the action.
 */
export async function authorizeDoc(
  access: DocAccess,
  principal: Principal | null,
  rawId: string | undefined,
  action: DocAction,
): Promise<{ doc: DocRow; role: Role; userId: string }> {
  const me = caller(principal, 'docs:read');
  const docId = pathId(rawId, NO_DOC);
  const role = await access.docs.roleFor(docId, me);
  const doc = role
    ? await access.db.get<DocRow>(
        'SELECT id, name, owner_id, created_at, updated_at FROM docs WHERE id = ? AND deleted_at IS NULL',
        [docId],
      )
    : undefined;
  if (!role || !doc) throw notFound(NO_DOC);
  if (!can(role, action)) throw forbidden(`Your role (${role}) does not allow this (${action}).`);
  return { doc, role, userId: me.userId };
}
