import { hasScope, type Principal } from '../http/principal.ts';

/** A person's role on one document, strongest first. */
export type Role = 'owner' | 'editor' | 'commenter' | 'viewer';

/** Everything a role may or may not do to a document. */
export type DocAction =
  'read' | 'comment' | 'edit' | 'manage-members' | 'rename' | 'delete' | 'restore-version' | 'publish-data';

export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const satisfies readonly Role[];
export const DOC_ACTIONS = [
  'read',
  'comment',
  'edit',
  'manage-members',
  'rename',
  'delete',
  'restore-version',
  'publish-data',
] as const satisfies readonly DocAction[];

const RANK: Record<Role, number> = { viewer: 1, commenter: 2, editor: 3, owner: 4 };

/**
 * The single role × action matrix. Editors may share (invite and manage members up to their own role)
 * because a canvas is usually built by a group; deleting and publishing data stay with owners, since
 * both reach beyond the canvas itself (the stored log, the owner's data).
 */
const MATRIX: Record<DocAction, readonly Role[]> = {
  read: ['owner', 'editor', 'commenter', 'viewer'],
  comment: ['owner', 'editor', 'commenter'],
  edit: ['owner', 'editor'],
  'manage-members': ['owner', 'editor'],
  rename: ['owner', 'editor'],
  delete: ['owner'],
  'restore-version': ['owner', 'editor'],
  'publish-data': ['owner'],
};

/** Whether `role` may perform `action`. */
export function can(role: Role, action: DocAction): boolean {
  return MATRIX[action].includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && value in RANK;
}

/** Whether `a` is at least as strong as `b`. */
export function atLeast(a: Role, b: Role): boolean {
  return RANK[a] >= RANK[b];
}

/** The strongest of several roles (null when there are none). */
export function strongest(roles: Iterable<Role>): Role | null {
  let best: Role | null = null;
  for (const role of roles) if (best === null || RANK[role] > RANK[best]) best = role;
  return best;
}

/**
 * What a credential allows on top of the user's role: an API key without `docs:read` sees no document,
 * one without `docs:write` at most reads. Access tokens carry the user's full rights.
 */
export function capForPrincipal(role: Role | null, principal: Principal): Role | null {
  if (role === null || !hasScope(principal, 'docs:read')) return null;
  if (!hasScope(principal, 'docs:write')) return 'viewer';
  return role;
}
