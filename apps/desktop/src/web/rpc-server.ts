/**
 * Web mode's transport: HostApi over a WebSocket on 127.0.0.1. A connection must present the
 * per-launch secret (`/rpc?secret=…`) and, when it comes from a page, that page's origin must be
 * this server, so no other local page or program can call the host.
 *
 * Frames are binary messages in the RPC codec (see engine/common rpc/codec.ts):
 *   request  { id, method: "namespace.name", args: [...] }
 *   reply    { id, result } | { id, error: { code, message } }
 *   event    { event: "doc-update", data: { canvasId, update } }
 *
 * Close codes: 4400 malformed frame (not a binary codec message with a numeric id), 1009 frame too
 * large. Refused upgrades get HTTP 401 (bad or missing secret) or 403 (foreign origin).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '@facet/engine/common';
import type { Host } from '../host/host.ts';
import { dispatch, toWireError } from '../host/rpc-dispatch.ts';

export const CLOSE_MALFORMED = 4400;
/** The largest frame accepted (a Yjs update or an import path, never data). */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export interface RpcServerOptions {
  host: Host;
  /** 0 picks a free port. */
  port?: number;
  /** Default: 32 random bytes, hex. */
  secret?: string;
  /** Serves other HTTP requests (the renderer's files in web mode); default 404. */
  onRequest?: http.RequestListener;
}

export interface RpcServer {
  port: number;
  secret: string;
  /** The WebSocket URL, secret included. */
  url: string;
  close(): Promise<void>;
}

export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const server = http.createServer(
    options.onRequest ??
      ((_req, res) => {
        res.writeHead(404).end();
      }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!sameSecret(url.searchParams.get('secret'), secret)) return refuse(401, 'Unauthorized');
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      return refuse(403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(options.host, ws));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    secret,
    url: `ws://127.0.0.1:${port}/rpc?secret=${secret}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serve(host: Host, ws: WebSocket): void {
  const send = (message: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
  };
  const session = host.session((event, data) => send({ event, data }));
  ws.on('close', () => session.close());
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let request: { id: number; method: unknown; args: unknown };
    try {
      if (!isBinary) throw new Error('text frame');
      const decoded = decodeMessage(toBytes(data)) as {
        id?: unknown;
        method?: unknown;
        args?: unknown;
      } | null;
      if (typeof decoded !== 'object' || decoded === null || !Number.isSafeInteger(decoded.id)) {
        throw new Error('no request id');
      }
      request = decoded as { id: number; method: unknown; args: unknown };
    } catch {
      ws.close(CLOSE_MALFORMED, 'malformed message');
      return;
    }
    dispatch(session.api, request.method, request.args)
      .then(
        (result) => send({ id: request.id, result: result ?? null }),
        (error: unknown) => send({ id: request.id, error: toWireError(error) }),
      )
      // A reply that cannot be encoded or sent (too large, socket gone) must not take the host down.
      .catch((error: unknown) => {
        try {
          send({ id: request.id, error: toWireError(error) });
        } catch {
          ws.close(1011, 'reply failed');
        }
      });
  });
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function sameSecret(given: string | null, secret: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
