import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { forbidden, tooMany, unauthorized } from '../http/http-error.ts';
import type { Principal } from '../http/principal.ts';
import { hasScope } from '../http/principal.ts';
import type { RelayContext } from '../relay-context.ts';
import { KeyedRateLimiter } from '../ws/limits.ts';
import type { ApiKeys } from './api-keys.ts';
import type { OidcLogin } from './oidc.ts';
import type { Sessions } from './sessions.ts';
import type { AccessTokens } from './tokens.ts';
import type { TotpService } from './totp.ts';
import type { UserRow } from './users.ts';
import { publicUser, publicUserSchema, userById } from './users.ts';

/** What a sign-in answers with. */
export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** When the access token expires (ms since the epoch); refresh before then. */
  expiresAt: z.number(),
  user: publicUserSchema,
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** The parts of the auth service the route modules share. */
export class AuthCore {
  /** Login attempts per email and per IP; registrations per IP (more generous: one per new account). */
  private readonly loginsByEmail: KeyedRateLimiter;
  private readonly loginsByIp: KeyedRateLimiter;
  private readonly registrationsByIp: KeyedRateLimiter;

  constructor(
    readonly ctx: RelayContext,
    readonly tokens: AccessTokens,
    readonly sessions: Sessions,
    readonly keys: ApiKeys,
    readonly totp: TotpService,
    readonly oidc: OidcLogin,
  ) {
    const perMinute = Math.max(1, ctx.config.limits.loginsPerMinute);
    const now = () => ctx.now();
    this.loginsByEmail = new KeyedRateLimiter(perMinute / 60, perMinute, 100_000, now);
    this.loginsByIp = new KeyedRateLimiter(perMinute / 60, perMinute, 100_000, now);
    this.registrationsByIp = new KeyedRateLimiter((perMinute * 6) / 60, perMinute * 6, 100_000, now);
  }

  /** Starts a session for `user` and signs its first access token. */
  async issue(user: UserRow): Promise<TokenPair> {
    const { sessionId, refreshToken } = await this.sessions.start(user.id);
    const access = await this.tokens.sign(user.id, sessionId);
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, user: publicUser(user) };
  }

  /**
   * Counts a login attempt (or a second-factor code attempt) against the email/subject and the IP;
   * throws 429 with Retry-After when either is over the limit. Both buckets are charged, so spreading
   * guesses over many IPs still hits the per-account limit.
   */
  limitLogin(res: ServerResponse, ip: string, subject: string): void {
    const ipOk = this.loginsByIp.take(ip);
    const subjectOk = this.loginsByEmail.take(subject);
    if (!ipOk || !subjectOk) {
      res.setHeader('retry-after', '60');
      throw tooMany('Too many sign-in attempts; wait a minute and try again.');
    }
  }

  limitRegistration(res: ServerResponse, ip: string): void {
    if (!this.registrationsByIp.take(ip)) {
      res.setHeader('retry-after', '60');
      throw tooMany('Too many new accounts from this address; wait a minute and try again.');
    }
  }

  /** The signed-in user's row; 401 when the account no longer exists. */
  async user(principal: Principal | null): Promise<UserRow> {
    if (!principal) throw unauthorized();
    const user = await userById(this.ctx.db, principal.userId);
    if (!user) throw unauthorized('This account no longer exists.');
    return user;
  }
}

/**
 * Managing credentials (API keys, two-factor) needs a signed-in session or an API key with the
 * 'account' scope; a key meant for documents must not be able to mint itself more power.
 */
export function requireAccountScope(principal: Principal | null): Principal {
  if (!principal) throw unauthorized();
  if (!hasScope(principal, 'account')) {
    throw forbidden("This API key cannot manage the account; it needs the 'account' scope.");
  }
  return principal;
}
