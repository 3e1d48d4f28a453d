/** Who is calling: resolved from a bearer access token (JWT) or an API key. */
export interface Principal {
  userId: string;
  via: 'token' | 'api-key';
  /** API-key scopes; `null` for access tokens, which carry the user's full rights. */
  scopes: readonly string[] | null;
  /** The API key's id, when `via` is 'api-key'. */
  keyId?: string;
  /** The sign-in session (refresh-token family) an access token belongs to; logout revokes it. */
  sessionId?: string;
  /** When the credential stops being valid (ms), if it expires. */
  expiresAt?: number;
}

/** API-key scopes. `docs:read` is enough to read documents and connect read-only. */
export const SCOPES = ['docs:read', 'docs:write', 'account'] as const;
export type Scope = (typeof SCOPES)[number];

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes === null || principal.scopes.includes(scope);
}
