/**
 * The shapes the relay's REST API answers with (see `GET /api/openapi.json` on a running relay).
 * Only the fields the app reads are declared; the relay may send more.
 */

/** Roles on a shared document, strongest first. */
export const RELAY_ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type RelayRole = (typeof RELAY_ROLES)[number];

/** Whether a role may change canvas content (viewers and commenters connect read-only). */
export function canEdit(role: RelayRole): boolean {
  return role === 'owner' || role === 'editor';
}

export interface RelayUser {
  id: string;
  email: string;
  name: string;
  totpEnabled: boolean;
}

/** What sign-up, sign-in and refresh answer. */
export interface RelayTokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  user: RelayUser;
}

/** What a client keeps between runs to stay signed in (the refresh token rotates on every use). */
export interface RelaySession {
  refreshToken: string;
  user: RelayUser;
}

export interface RelayDoc {
  id: string;
  name: string;
  /** The caller's role on it. */
  role: RelayRole;
  createdAt: number;
  updatedAt: number;
  owner: { id: string; name: string; email: string };
}

export interface RelayMember {
  userId: string;
  name: string;
  email: string;
  role: RelayRole;
  addedBy: string | null;
  addedAt: number;
}

/** A new invite link; its token is shown only once. */
export interface RelayInvite {
  id: string;
  url: string;
  token: string;
  role: RelayRole;
  email: string | null;
  expiresAt: number;
}
