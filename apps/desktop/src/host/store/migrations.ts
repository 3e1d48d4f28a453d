/**
 * The project database's schema, as an ordered list of migrations. `PRAGMA user_version` records how
 * many have run; each runs in its own transaction, so a crash mid-migration leaves the previous
 * version intact. Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema.
  `
  CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE canvases (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    branch_of TEXT REFERENCES canvases(id),
    fork_version TEXT,
    merged_at INTEGER
  );

  -- The Yjs update log: every update appended as it happens, folded into a snapshot past a threshold.
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    canvas_id TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX doc_updates_by_canvas ON doc_updates (canvas_id, seq);
  CREATE TABLE doc_snapshots (
    canvas_id TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    upto_seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    canvas_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('named', 'auto', 'restore', 'merge', 'fork')),
    message TEXT NOT NULL,
    author TEXT NOT NULL,
    tag TEXT,
    created_at INTEGER NOT NULL,
    upto_seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    details TEXT
  );
  CREATE INDEX versions_by_canvas ON versions (canvas_id, created_at);

  -- Imported data: the Parquet copy in data/ (named by its SHA-256) and what the original was.
  CREATE TABLE sources (
    table_name TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    format TEXT,
    original_path TEXT,
    original_size INTEGER,
    original_mtime INTEGER,
    original_hash TEXT,
    data_file TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    columns TEXT NOT NULL,
    imported_at INTEGER NOT NULL
  );

  CREATE TABLE query_history (
    id INTEGER PRIMARY KEY,
    canvas_id TEXT,
    block TEXT,
    sql TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms REAL,
    row_count INTEGER,
    error TEXT
  );
  CREATE INDEX query_history_by_time ON query_history (started_at);

  CREATE TABLE favorites (
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kind, ref)
  );

  CREATE TABLE result_cache (
    key TEXT PRIMARY KEY,
    sql TEXT NOT NULL,
    data BLOB NOT NULL,
    row_count INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL
  );

  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
  );

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE onboarding (step TEXT PRIMARY KEY, done_at INTEGER NOT NULL);

  -- Full-text search over titles, SQL, notes, comments and column names.
  CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED, ref UNINDEXED, canvas_id UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TABLE search_stale (canvas_id TEXT PRIMARY KEY);
  `,
];
