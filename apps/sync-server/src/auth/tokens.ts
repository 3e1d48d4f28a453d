import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { RelayContext } from '../relay-context.ts';

const SECRET_KEY = 'jwt_secret';
/** Access tokens carry this `typ` so no other JWT signed with the same secret passes for one. */
const ACCESS_TYP = 'at+jwt';

/** A random opaque token: 32 bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a high-entropy token; enough for storage (no brute force over 256 bits). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The key that signs access tokens: `config.jwtSecret`, else one generated once and kept in
 * `relay_settings`. The insert-if-absent then read means relays sharing a Postgres store that start
 * at the same time still end up with the same secret.
 */
export async function loadSigningSecret(ctx: RelayContext): Promise<Uint8Array> {
  if (ctx.config.jwtSecret) {
    if (ctx.config.jwtSecret.length < 32)
      ctx.log.warn('jwtSecret is shorter than 32 characters; use a longer one');
    return new TextEncoder().encode(ctx.config.jwtSecret);
  }
  await ctx.db.run('INSERT INTO relay_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
    SECRET_KEY,
    randomToken(48),
  ]);
  const row = await ctx.db.get<{ value: string }>('SELECT value FROM relay_settings WHERE key = ?', [
    SECRET_KEY,
  ]);
  if (!row) throw new Error('could not store the token signing secret');
  return new TextEncoder().encode(row.value);
}

/** What a valid access token says. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
  expiresAt: number;
}

/** Signs and verifies short-lived HS256 access tokens. */
export class AccessTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly issuer: string,
    private readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** A new access token for a session; resolves to the token and when it expires (ms). */
  async sign(userId: string, sessionId: string): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.lifetimeSeconds;
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TYP })
      .setSubject(userId)
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: exp * 1000 };
  }

  /** The claims of a valid, unexpired token; `null` for anything else (never throws). */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        typ: ACCESS_TYP,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 0,
      });
      if (typeof payload.sid !== 'string' || !payload.sub || payload.exp === undefined) return null;
      return { userId: payload.sub, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
    } catch {
      // Malformed, badly signed, expired, wrong issuer or type: all simply not a credential.
      return null;
    }
  }
}
