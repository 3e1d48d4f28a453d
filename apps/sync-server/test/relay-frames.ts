import type { HocuspocusProviderWebsocket, onCloseParameters } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';

/**
 * Raw WebSocket helpers for relay tests that speak the wire protocol by hand: hand-built Hocuspocus
 * frames (good and bad) and a socket that records how it was closed.
 */

/** Builds a frame with lib0's encoder (varints and var-length strings as Hocuspocus reads them). */
export function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** The auth frame a Hocuspocus provider sends first for a document. */
export function authFrame(docId: string, token: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarString(e, docId);
    encoding.writeVarUint(e, 2); // auth
    encoding.writeVarUint(e, 0); // token
    encoding.writeVarString(e, token);
  });
}

/** A sync message carrying `update` as a Yjs update (sync step "update", 2). */
export function updateFrame(docId: string, update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarString(e, docId);
    encoding.writeVarUint(e, 0); // sync
    encoding.writeVarUint(e, 2); // update
    encoding.writeVarUint8Array(e, update);
  });
}

export interface RawSocket {
  ws: WebSocket;
  /** Frames the relay sent, in order. */
  received: Uint8Array[];
  /** Resolves with the close code and reason once the socket is closed (by either side). */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the HTTP status when the upgrade is refused, or 101 when it is accepted. */
  opened: Promise<number>;
}

/** Opens a plain `ws` socket to the relay and records what happens to it. */
export function openRaw(url: string): RawSocket {
  const ws = new WebSocket(url);
  const received: Uint8Array[] = [];
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  // Writes that race the relay's close end in EPIPE / ECONNRESET; the close event still comes.
  ws.on('error', () => undefined);
  const opened = new Promise<number>((resolve) => {
    ws.once('open', () => resolve(101));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('close', () => resolve(0));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, received, closed, opened };
}

/** The socket's close code, or -1 when it is still open after `ms`. */
export async function closeCode(socket: RawSocket, ms = 5000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(-1), ms);
  });
  try {
    return await Promise.race([socket.closed.then((c) => c.code), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends each frame without waiting (as fast as the socket takes them); stops once the socket closes. */
export function sendAll(ws: WebSocket, frames: readonly (Uint8Array | string)[]): void {
  for (const f of frames) {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(f, { binary: typeof f !== 'string' });
  }
}

/** A small deterministic PRNG (mulberry32), so a failing garbage test can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves with the code and reason of the next close of a provider's socket. */
export function providerClosed(
  socket: HocuspocusProviderWebsocket,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const onClose = ({ event }: onCloseParameters) => {
      socket.off('close', onClose);
      resolve({ code: event.code, reason: event.reason });
    };
    socket.on('close', onClose);
  });
}
