import type { IncomingMessage } from 'node:http';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import type { RelayLimits } from '../config.ts';
import { CloseCodes, type CloseCode } from './close-codes.ts';
import { checkFrame } from './frame-check.ts';
import { TokenBucket } from './limits.ts';

export interface SocketObserver {
  opened(): void;
  closed(code: number): void;
  message(bytes: number): void;
  refused(code: CloseCode, problem: string): void;
}

export interface SocketAdapter {
  /** Turns a frame from the client into a Hocuspocus frame (the y-websocket bridge adds the address). */
  incoming?(data: Uint8Array): Uint8Array;
  /** The socket Hocuspocus writes to (the bridge translates and filters). */
  socket?: WebSocketLike;
  /** Frames to feed Hocuspocus before the client's own (the bridge's synthetic auth message). */
  preamble?: Uint8Array[];
}

/** A web `Request` for Hocuspocus (v4 reads headers and query parameters from it). */
export function webRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(req.url ?? '/', 'http://relay'), { headers });
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((d) => d instanceof Uint8Array)) return Buffer.concat(data);
  return null;
}

/**
 * Connects a `ws` socket to Hocuspocus with the relay's guards in front: every frame must be binary and
 * well-formed (else 4400) and within the per-connection message rate (else 4429); frame size is capped
 * by the WebSocket server itself (1009). Nothing malformed reaches Hocuspocus.
 */
export function attachSocket(
  ws: WebSocket,
  req: IncomingMessage,
  hocuspocus: Hocuspocus,
  limits: RelayLimits,
  observer: SocketObserver,
  adapter: SocketAdapter = {},
): void {
  const client = hocuspocus.handleConnection(adapter.socket ?? ws, webRequest(req));
  const bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
  let refused = false;
  observer.opened();

  const refuse = (code: CloseCode, problem: string) => {
    if (refused) return;
    refused = true;
    observer.refused(code, problem);
    ws.close(code.code, code.reason);
  };

  const feed = (frame: Uint8Array) => {
    const check = checkFrame(frame);
    if (!check.ok) return refuse(CloseCodes.malformed, check.problem);
    if (!check.ignore) client.handleMessage(frame);
  };

  for (const frame of adapter.preamble ?? []) feed(frame);

  ws.on('message', (data, isBinary) => {
    if (refused) return;
    const bytes = toBytes(data);
    if (!isBinary || !bytes) return refuse(CloseCodes.malformed, 'text frame');
    observer.message(bytes.byteLength);
    if (!bucket.take()) return refuse(CloseCodes.rateLimited, 'message rate');
    let frame: Uint8Array;
    try {
      frame = adapter.incoming ? adapter.incoming(bytes) : bytes;
    } catch {
      return refuse(CloseCodes.malformed, 'undecodable frame');
    }
    feed(frame);
  });
  ws.on('error', (error: Error & { code?: string }) => {
    // `ws` has already closed the socket with 1009; it stops reading, so the client's echo of that
    // code never arrives and the close event reports 1006. Count the refusal here.
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && !refused) {
      refused = true;
      observer.refused(CloseCodes.messageTooBig, 'frame over the message size limit');
    }
  });
  ws.on('close', (code, reason) => {
    observer.closed(code);
    client.handleClose({ code, reason: reason.toString() });
  });
}
