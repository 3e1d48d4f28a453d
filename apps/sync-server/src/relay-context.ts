import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import type { Db } from './db/db.ts';

/** Things that change who may be connected; the WebSocket layer closes connections that lost access. */
export interface AccessEvents {
  /** A member's role on a document changed or was removed (userId undefined: re-check everyone). */
  'access-changed': [{ docId: string; userId?: string }];
  'doc-deleted': [{ docId: string }];
  /** A sign-in session (logout, refresh-token reuse), an API key, or every credential of a user was revoked. */
  'credential-revoked': [{ userId: string; sessionId?: string; keyId?: string }];
}

/** What every relay module is given: the store, the configuration, the logger and the access events. */
export interface RelayContext {
  db: Db;
  config: RelayConfig;
  log: Logger;
  events: EventEmitter<AccessEvents>;
  /** The relay's public base URL (no trailing slash). */
  publicUrl: string;
  now(): number;
}

export function accessEvents(): EventEmitter<AccessEvents> {
  return new EventEmitter<AccessEvents>();
}
