import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { int } from '../db/db.ts';
import { conflict } from '../http/http-error.ts';

/** A user row as stored. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: unknown;
  totp_last_step: unknown;
  created_at: unknown;
}

/** What the API shows of a user. */
export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  totpEnabled: z.boolean(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export function publicUser(row: UserRow): PublicUser {
  return { id: row.id, email: row.email, name: row.name, totpEnabled: int(row.totp_enabled) === 1 };
}

const COLUMNS = 'id, email, name, password_hash, totp_secret, totp_enabled, totp_last_step, created_at';

export function userById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return db.get<UserRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
}

/** `email` must already be normalized (trimmed, lower-cased). */
export function userByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return db.get<UserRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [email]);
}

/**
 * Creates a user; a taken email is a 409. The insert relies on the UNIQUE constraint rather than a
 * prior lookup, so two concurrent registrations of one address cannot both succeed.
 */
export async function createUser(
  db: Queryable,
  user: { email: string; name: string; passwordHash: string | null },
  now: number,
): Promise<UserRow> {
  const id = randomUUID();
  const inserted = await db.run(
    'INSERT INTO users (id, email, name, password_hash, totp_enabled, created_at) VALUES (?, ?, ?, ?, 0, ?) ' +
      'ON CONFLICT (email) DO NOTHING',
    [id, user.email, user.name, user.passwordHash, now],
  );
  if (inserted === 0) throw conflict('An account with this email already exists.');
  return {
    id,
    email: user.email,
    name: user.name,
    password_hash: user.passwordHash,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    created_at: now,
  };
}
