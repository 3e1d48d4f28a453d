import type { Queryable } from '../db/db.ts';
import { conflict, forbidden } from '../http/http-error.ts';
import type { RelayContext } from '../relay-context.ts';
import { atLeast, type Role } from './roles.ts';

/**
 * Sharing rules shared by members, invites and team grants: nobody hands out more than they hold, only
 * owners make owners, and non-owners cannot touch someone stronger than themselves.
 */
export function assertMayGrant(callerRole: Role, role: Role): void {
  if (role === 'owner' && callerRole !== 'owner') throw forbidden('Only owners can make someone an owner.');
  if (!atLeast(callerRole, role)) throw forbidden(`You cannot give a role above your own (${callerRole}).`);
}

export function assertMayChange(callerRole: Role, targetRole: Role): void {
  if (!atLeast(callerRole, targetRole))
    throw forbidden(`Your role (${callerRole}) cannot change a ${targetRole}.`);
}

/**
 * Refuses to leave a document without an owner. Runs inside the transaction that makes the change; on
 * Postgres the owner rows stay locked until it ends, so two owners stepping down at once cannot both pass.
 */
export async function assertNotLastOwner(
  ctx: RelayContext,
  tx: Queryable,
  docId: string,
  userId: string,
): Promise<void> {
  const owners = await tx.all<{ user_id: string }>(
    `SELECT user_id FROM doc_members WHERE doc_id = ? AND role = 'owner'${ctx.db.dialect.forUpdate}`,
    [docId],
  );
  if (owners.length <= 1 && owners.some((o) => o.user_id === userId)) {
    throw conflict('A document needs an owner: make someone else an owner first.');
  }
}

/** Keeps `docs.owner_id` (the owner shown in lists) pointing at a current owner after ownership moves. */
export async function syncPrimaryOwner(tx: Queryable, docId: string): Promise<void> {
  const first = await tx.get<{ user_id: string }>(
    `SELECT user_id FROM doc_members WHERE doc_id = ? AND role = 'owner' ORDER BY added_at, user_id`,
    [docId],
  );
  if (!first) return;
  await tx.run(
    `UPDATE docs SET owner_id = ? WHERE id = ?
       AND NOT EXISTS (SELECT 1 FROM doc_members m WHERE m.doc_id = ? AND m.user_id = docs.owner_id AND m.role = 'owner')`,
    [first.user_id, docId, docId],
  );
}
