import type { IncomingMessage } from 'node:http';
import type { Principal } from '../http/principal.ts';
import type { Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { API_KEY_PREFIX, ApiKeys } from './api-keys.ts';
import { AuthCore } from './auth-core.ts';
import { OidcLogin } from './oidc.ts';
import { accountRoutes } from './routes-account.ts';
import { oidcRoutes } from './routes-oidc.ts';
import { sessionRoutes } from './routes-session.ts';
import { Sessions } from './sessions.ts';
import { AccessTokens, loadSigningSecret } from './tokens.ts';
import { TotpService } from './totp.ts';

/** Longest bearer credential considered; anything longer is refused before any parsing. */
const MAX_CREDENTIAL = 4096;

/** Accounts and authentication of the relay. */
export interface AuthService {
  /** A bearer credential (access JWT or API key) → Principal, or null when invalid, expired, revoked. */
  authenticate(credential: string): Promise<Principal | null>;
  /** Reads `Authorization: Bearer …` from the request. */
  authenticateRequest(req: IncomingMessage): Promise<Principal | null>;
  /**
   * The REST routes: /api/auth/{register,login,refresh,logout,providers}, /api/auth/totp/*,
   * /api/auth/oidc/:provider/{start,callback}, /api/me and /api/keys.
   */
  routes: Route[];
}

/** The bearer credential of an `Authorization` header, or null. */
export function bearer(header: string | undefined): string | null {
  if (!header || header.length > MAX_CREDENTIAL + 10) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Builds the auth service over the relay's store: loads (or creates once) the token signing secret
 * and wires sessions, API keys, TOTP and OIDC into routes and an `authenticate` the router and the
 * WebSocket layer share.
 */
export async function createAuth(ctx: RelayContext): Promise<AuthService> {
  const secret = await loadSigningSecret(ctx);
  const tokens = new AccessTokens(secret, ctx.publicUrl, ctx.config.accessTokenSeconds, () => ctx.now());
  const sessions = new Sessions(ctx);
  const keys = new ApiKeys(ctx);
  const core = new AuthCore(ctx, tokens, sessions, keys, new TotpService(ctx), new OidcLogin(ctx, secret));

  async function authenticate(credential: string): Promise<Principal | null> {
    if (!credential || credential.length > MAX_CREDENTIAL) return null;
    if (credential.startsWith(API_KEY_PREFIX)) return keys.authenticate(credential);
    const claims = await tokens.verify(credential);
    if (!claims || !(await sessions.isLive(claims.sessionId))) return null;
    return {
      userId: claims.userId,
      via: 'token',
      scopes: null,
      sessionId: claims.sessionId,
      expiresAt: claims.expiresAt,
    };
  }

  return {
    authenticate,
    async authenticateRequest(req) {
      const credential = bearer(req.headers.authorization);
      return credential ? authenticate(credential) : null;
    },
    routes: [...sessionRoutes(core), ...accountRoutes(core), ...oidcRoutes(core)],
  };
}
