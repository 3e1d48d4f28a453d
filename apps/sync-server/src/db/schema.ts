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
    );
    CREATE TABLE doc_versions (
      seq ${d.serial},
      id TEXT NOT NULL UNIQUE,
      doc_id TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      state ${d.blob} NOT NULL,
      size BIGINT NOT NULL,
      created_by TEXT,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX doc_versions_doc ON doc_versions (doc_id, seq);
    CREATE TABLE doc_branches (
      doc_id TEXT PRIMARY KEY,
      parent_id TEXT NOT NULL,
      base_state ${d.blob} NOT NULL,
      from_version TEXT,
      created_by TEXT,
      created_at BIGINT NOT NULL,
      merged_at BIGINT
    );
    CREATE INDEX doc_branches_parent ON doc_branches (parent_id);
    CREATE TABLE blob_uploads (
      id TEXT PRIMARY KEY,
      doc_id TEXT NOT NULL,
      started_at BIGINT NOT NULL,
      touched_at BIGINT NOT NULL
    );
    CREATE INDEX blob_uploads_touched ON blob_uploads (touched_at);
    CREATE TABLE blob_chunks (
      blob_key TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data ${d.blob} NOT NULL,
      PRIMARY KEY (blob_key, seq)
    );
    CREATE TABLE data_blobs (
      sha256 TEXT PRIMARY KEY,
      size BIGINT NOT NULL,
      chunk_bytes BIGINT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE doc_data (
      doc_id TEXT NOT NULL,
      sha256 TEXT NOT NULL REFERENCES data_blobs(sha256),
      name TEXT NOT NULL,
      media_type TEXT NOT NULL,
      size BIGINT NOT NULL,
      published_by TEXT,
      published_at BIGINT NOT NULL,
      PRIMARY KEY (doc_id, sha256)
    );
    CREATE INDEX doc_data_sha ON doc_data (sha256);
    CREATE TABLE notifications (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      doc_id TEXT,
      actor_id TEXT,
      dedupe_key TEXT UNIQUE,
      data TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      read_at BIGINT
    );
    CREATE INDEX notifications_user ON notifications (user_id, created_at);
    CREATE TABLE notification_settings (
      user_id TEXT PRIMARY KEY,
      email INTEGER NOT NULL
    );
    CREATE TABLE doc_webhooks (
      doc_id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      secret TEXT NOT NULL,
      events TEXT NOT NULL,
      created_by TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE TABLE webhook_deliveries (
      id TEXT PRIMARY KEY,
      doc_id TEXT NOT NULL,
      event TEXT NOT NULL,
      event_key TEXT NOT NULL,
      url TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      response_status INTEGER,
      error TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      UNIQUE (doc_id, event_key)
    );
    CREATE INDEX webhook_deliveries_doc ON webhook_deliveries (doc_id, created_at)`,
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
