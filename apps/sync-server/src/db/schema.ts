import type { Db, Dialect } from './db.ts';

/**
 * Migrations, applied in order and recorded in `schema_version`. Each is a function of the dialect so
 * one list serves SQLite and Postgres. Append new migrations; never edit one that has shipped.
 * Times are integer milliseconds since the epoch.
 */
const MIGRATIONS: ((d: Dialect) => string)[] = [
  (d) => `
    CREATE TABLE relay_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      password_hash TEXT,
      totp_secret TEXT,
      totp_enabled INTEGER NOT NULL DEFAULT 0,
      totp_last_step BIGINT,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE identities (
      issuer TEXT NOT NULL,
      subject TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (issuer, subject)
    );
    CREATE TABLE refresh_tokens (
      id TEXT PRIMARY KEY,
      family TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      expires_at BIGINT NOT NULL,
      used_at BIGINT,
      revoked_at BIGINT,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      prefix TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      scopes TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      last_used_at BIGINT,
      revoked_at BIGINT
    );
    CREATE TABLE teams (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      created_at BIGINT NOT NULL
    );
    CREATE TABLE team_members (
      team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      PRIMARY KEY (team_id, user_id)
    );
    CREATE TABLE docs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(id),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      deleted_at BIGINT
    );
    CREATE TABLE doc_members (
      doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      added_by TEXT,
      added_at BIGINT NOT NULL,
      PRIMARY KEY (doc_id, user_id)
    );
    CREATE TABLE doc_teams (
      doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
      team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      PRIMARY KEY (doc_id, team_id)
    );
    CREATE TABLE invites (
      id TEXT PRIMARY KEY,
      doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL,
      email TEXT,
      expires_at BIGINT NOT NULL,
      created_by TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      revoked_at BIGINT,
      uses INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE activity (
      id ${d.serial},
      doc_id TEXT NOT NULL,
      actor_id TEXT,
      kind TEXT NOT NULL,
      detail TEXT NOT NULL,
      at BIGINT NOT NULL
    );
    CREATE INDEX activity_doc ON activity (doc_id, id);
    CREATE TABLE doc_updates (
      id ${d.serial},
      doc_id TEXT NOT NULL,
      data ${d.blob} NOT NULL
    );
    CREATE INDEX doc_updates_doc ON doc_updates (doc_id, id);
    CREATE TABLE doc_snapshots (
      doc_id TEXT PRIMARY KEY,
      state ${d.blob} NOT NULL,
      updated_at BIGINT NOT NULL
    )`,
];

/** Brings the schema up to date. Safe to call from several relays at once on Postgres. */
export async function migrate(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  await db.transaction(async (tx) => {
    if (db.dialect.name === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(7701)');
    const row = await tx.get<{ version: number }>('SELECT version FROM schema_version');
    const current = row ? Number(row.version) : 0;
    for (let v = current; v < MIGRATIONS.length; v++) {
      for (const statement of MIGRATIONS[v]!(db.dialect).split(';')) {
        if (statement.trim()) await tx.run(statement);
      }
    }
    if (!row) await tx.run('INSERT INTO schema_version (version) VALUES (?)', [MIGRATIONS.length]);
    else if (current < MIGRATIONS.length)
      await tx.run('UPDATE schema_version SET version = ?', [MIGRATIONS.length]);
  });
}
