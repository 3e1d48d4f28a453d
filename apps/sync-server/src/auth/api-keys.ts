import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { int } from '../db/db.ts';
import { SCOPES } from '../http/principal.ts';
import type { Principal, Scope } from '../http/principal.ts';
import type { RelayContext } from '../relay-context.ts';
import { randomToken, sha256 } from './tokens.ts';

/** Every API key starts with this, so keys are recognisable (and scannable for in leaked code). */
export const API_KEY_PREFIX = 'fct_';
/** How many characters of the key (after `fct_`) the list shows. */
const SHOWN = 6;
/** last_used_at is written at most this often per key: authentication stays a read. */
const TOUCH_EVERY_MS = 60_000;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, e.g. `fct_AbC123`, to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
export type ApiKeyInfo = z.infer<typeof apiKeySchema>;

interface KeyRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  scopes: string;
  created_at: unknown;
  last_used_at: unknown;
}

function parseScopes(text: string): Scope[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter((s): s is Scope => (SCOPES as readonly unknown[]).includes(s));
  } catch {
    return [];
  }
}

function info(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    createdAt: int(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : int(row.last_used_at),
  };
}

/** API keys: long-lived, scoped bearer credentials, stored as SHA-256 hashes and shown once. */
export class ApiKeys {
  private readonly touched = new Map<string, number>();

  constructor(private readonly ctx: RelayContext) {}

  /** Creates a key; the secret is in the answer only. */
  async create(
    userId: string,
    name: string,
    scopes: readonly Scope[],
  ): Promise<ApiKeyInfo & { key: string }> {
    const key = API_KEY_PREFIX + randomToken();
    const row: KeyRow = {
      id: randomUUID(),
      user_id: userId,
      name,
      prefix: key.slice(0, API_KEY_PREFIX.length + SHOWN),
      scopes: JSON.stringify([...new Set(scopes)]),
      created_at: this.ctx.now(),
      last_used_at: null,
    };
    await this.ctx.db.run(
      'INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [row.id, userId, name, row.prefix, sha256(key), row.scopes, this.ctx.now()],
    );
    return { ...info(row), key };
  }

  /** The user's live keys, newest first, without secrets. */
  async list(userId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.ctx.db.all<KeyRow & Record<string, unknown>>(
      'SELECT id, user_id, name, prefix, scopes, created_at, last_used_at FROM api_keys ' +
        'WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id',
      [userId],
    );
    return rows.map(info);
  }

  /** Revokes one of the user's keys; false when there is no such live key. */
  async revoke(userId: string, keyId: string): Promise<boolean> {
    const changed = await this.ctx.db.run(
      'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
      [this.ctx.now(), keyId, userId],
    );
    if (changed === 0) return false;
    this.touched.delete(keyId);
    this.ctx.events.emit('credential-revoked', { userId, keyId });
    return true;
  }

  /** The principal of a live key, or `null`. Every call reads the store, so a revocation counts at once. */
  async authenticate(key: string): Promise<Principal | null> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
    const row = await this.ctx.db.get<KeyRow & Record<string, unknown>>(
      'SELECT id, user_id, name, prefix, scopes, created_at, last_used_at FROM api_keys ' +
        'WHERE key_hash = ? AND revoked_at IS NULL',
      [sha256(key)],
    );
    if (!row) return null;
    const now = this.ctx.now();
    const last = this.touched.get(row.id) ?? (row.last_used_at === null ? 0 : int(row.last_used_at));
    if (now - last >= TOUCH_EVERY_MS) {
      if (this.touched.size >= 10_000) this.touched.clear();
      this.touched.set(row.id, now);
      await this.ctx.db.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [now, row.id]);
    }
    return { userId: row.user_id, via: 'api-key', scopes: parseScopes(row.scopes), keyId: row.id };
  }
}
