/**
 * Every WebSocket close code the relay sends, with the reason string that goes with it. Clients can
 * switch on the code; the reason is for people reading logs. Documented in apps/sync-server/README.md.
 */
export const CloseCodes = {
  /** A frame larger than the message limit (`--max-message-bytes`). Standard WebSocket code. */
  messageTooBig: { code: 1009, reason: 'message-too-big' },
  /** The relay is shutting down; reconnect later (to another instance). Standard WebSocket code. */
  goingAway: { code: 1001, reason: 'relay-shutting-down' },
  /** The connection broke an invariant Hocuspocus checks itself (e.g. too much before authentication). */
  reset: { code: 4205, reason: 'reset-connection' },
  /** A frame that is not a valid Hocuspocus / y-websocket message, or a Yjs update that does not decode. */
  malformed: { code: 4400, reason: 'malformed-message' },
  /** No token, or an invalid or expired one. */
  unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The token is fine but gives no access to this document. */
  forbidden: { code: 4403, reason: 'forbidden' },
  /** No message within the timeout. */
  timeout: { code: 4408, reason: 'connection-timeout' },
  /** Access was taken away while connected: member removed, role lowered, token or key revoked. */
  revoked: { code: 4410, reason: 'access-revoked' },
  /** Accepting the update would take the document past `--max-doc-bytes`. */
  docTooLarge: { code: 4413, reason: 'document-too-large' },
  /** A commenter's update changed something other than their own comments (comments/comment-guard.ts). */
  commentOnly: { code: 4406, reason: 'comments-only' },
  /** More messages per second than `--max-messages-per-second` allows. */
  rateLimited: { code: 4429, reason: 'rate-limited' },
  /** The document was deleted. */
  deleted: { code: 4404, reason: 'document-deleted' },
} as const satisfies Record<string, { code: number; reason: string }>;

export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

/**
 * An error a Hocuspocus hook throws to close the connection with a given code (Hocuspocus reads
 * `code` and `reason` off the thrown value). The message stays empty so Hocuspocus's hook runner
 * does not log each one; the relay counts and logs refusals itself.
 */
export class CloseError extends Error {
  readonly code: number;
  readonly reason: string;
  constructor(close: CloseCode) {
    super('');
    this.code = close.code;
    this.reason = close.reason;
  }
}
