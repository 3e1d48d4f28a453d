/**
 * @facet/sync-server: the relay (Hocuspocus, durable SQLite update log, auth, REST API, metrics).
 * Filled in by the [relay] issue.
 */
export const SYNC_SERVER_PACKAGE = '@facet/sync-server';
