import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import { int } from '../db/db.ts';
import { HttpError } from '../http/http-error.ts';
import type { RelayContext } from '../relay-context.ts';
import { randomToken, sha256 } from './tokens.ts';

/** How long a session's "not revoked" answer is reused before asking the store again (other relays' logouts). */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

interface RefreshRow {
  id: string;
  family: string;
  user_id: string;
  expires_at: unknown;
  used_at: unknown;
  revoked_at: unknown;
}

const refreshRefused = (code: string, message: string) => new HttpError(401, code, message);

/**
 * Sign-in sessions as families of rotating refresh tokens. Each refresh marks the presented token used
 * and issues the next one in the same family; presenting a used token again means it was copied, so
 * the whole family (the session) is revoked. The family id is the session id access tokens carry.
 */
export class Sessions {
  private readonly cache = new Map<string, { revoked: boolean; at: number }>();

  constructor(private readonly ctx: RelayContext) {}

  private get db(): Db {
    return this.ctx.db;
  }

  private async insert(db: Queryable, userId: string, family: string): Promise<string> {
    const token = randomToken();
    const now = this.ctx.now();
    const expires = now + this.ctx.config.refreshTokenDays * 86_400_000;
    await db.run(
      'INSERT INTO refresh_tokens (id, family, user_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [randomUUID(), family, userId, sha256(token), expires, now],
    );
    return token;
  }

  /** Starts a session; resolves to its id and first refresh token. */
  async start(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    const refreshToken = await this.insert(this.db, userId, sessionId);
    this.cache.set(sessionId, { revoked: false, at: this.ctx.now() });
    return { sessionId, refreshToken };
  }

  /**
   * Exchanges a refresh token for the next one. Throws 401 for unknown, expired or revoked tokens; a
   * token used before revokes its session (and emits 'credential-revoked') before answering 401.
   */
  async rotate(refreshToken: string): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
    const now = this.ctx.now();
    const outcome = await this.db.transaction(async (tx) => {
      const row = await tx.get<RefreshRow & Record<string, unknown>>(
        `SELECT id, family, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?${this.db.dialect.forUpdate}`,
        [sha256(refreshToken)],
      );
      if (!row) return { kind: 'unknown' as const };
      if (row.revoked_at !== null) return { kind: 'revoked' as const };
      if (row.used_at !== null) return { kind: 'reused' as const, row };
      if (int(row.expires_at) <= now) return { kind: 'expired' as const };
      // The row lock (Postgres) or the single writer (SQLite) makes this the only rotation of the token.
      await tx.run('UPDATE refresh_tokens SET used_at = ? WHERE id = ?', [now, row.id]);
      const next = await this.insert(tx, row.user_id, row.family);
      return { kind: 'rotated' as const, row, next };
    });
    switch (outcome.kind) {
      case 'rotated':
        return { userId: outcome.row.user_id, sessionId: outcome.row.family, refreshToken: outcome.next };
      case 'reused':
        this.ctx.log.warn(
          { userId: outcome.row.user_id, sessionId: outcome.row.family },
          'refresh token reused',
        );
        await this.revoke(outcome.row.family, outcome.row.user_id);
        throw refreshRefused(
          'refresh_reused',
          'This refresh token was already used; the session is signed out.',
        );
      case 'expired':
        throw refreshRefused('refresh_expired', 'The session has expired; sign in again.');
      default:
        throw refreshRefused(
          'refresh_invalid',
          'The session was signed out or the refresh token is invalid.',
        );
    }
  }

  /** Revokes a session by one of its refresh tokens; resolves to whether one was found. */
  async revokeByToken(refreshToken: string): Promise<boolean> {
    const row = await this.db.get<{ family: string; user_id: string }>(
      'SELECT family, user_id FROM refresh_tokens WHERE token_hash = ?',
      [sha256(refreshToken)],
    );
    if (!row) return false;
    await this.revoke(row.family, row.user_id);
    return true;
  }

  /** Revokes every token of a session; emits 'credential-revoked' if anything was still live. */
  async revoke(sessionId: string, userId: string): Promise<void> {
    this.cache.set(sessionId, { revoked: true, at: this.ctx.now() });
    const changed = await this.db.run(
      'UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL',
      [this.ctx.now(), sessionId],
    );
    if (changed > 0) this.ctx.events.emit('credential-revoked', { userId, sessionId });
  }

  /**
   * Whether access tokens of this session still count. A session with no rows at all (the user was
   * deleted) counts as revoked. A local revocation is seen at once; another relay's within CACHE_MS.
   */
  async isLive(sessionId: string): Promise<boolean> {
    const now = this.ctx.now();
    const cached = this.cache.get(sessionId);
    if (cached?.revoked) return false;
    if (cached && now - cached.at < CACHE_MS) return true;
    const row = await this.db.get<{ total: unknown; revoked: unknown }>(
      'SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END), 0) AS revoked ' +
        'FROM refresh_tokens WHERE family = ?',
      [sessionId],
    );
    const live = row !== undefined && int(row.total) > 0 && int(row.revoked) === 0;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(sessionId, { revoked: !live, at: now });
    return live;
  }
}
