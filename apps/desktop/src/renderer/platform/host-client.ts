/**
 * The renderer's HostApi over web mode's WebSocket. `api` is typed as HostApi; each call becomes
 * one request and resolves with its reply. A reply's error becomes a HostError with the host's
 * code and message. Events (`doc-update`) go to listeners registered with `on`.
 */
import { decodeMessage, encodeMessage } from '@facet/engine/common';
import type { HostApi, HostEventName, HostEvents } from '../../shared/host-api.ts';
import { HostError } from './host-error.ts';
import { hostApiProxy } from './host-proxy.ts';

export { HostError } from './host-error.ts';

/** What this needs of a WebSocket (the browser's, Node 22's global, or the `ws` package's). */
interface SocketLike {
  binaryType: string;
  readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: never) => void): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

export interface HostConnection {
  api: HostApi;
  on: <E extends HostEventName>(event: E, listener: (data: HostEvents[E]) => void) => () => void;
  close: () => void;
  /** Resolves when the connection closes, with the close code. */
  closed: Promise<{ code: number; reason: string }>;
}

export async function connectHost(url: string, Socket?: SocketConstructor): Promise<HostConnection> {
  const Ctor = Socket ?? (globalThis as unknown as { WebSocket?: SocketConstructor }).WebSocket;
  if (!Ctor) throw new Error('No WebSocket implementation is available.');
  const socket = new Ctor(url);
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(data: never) => void>>();
  let nextId = 1;
  let resolveClosed: (v: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));

  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () =>
      reject(new Error(`Cannot connect to the Facet host at ${url.replace(/secret=[^&]*/, 'secret=…')}.`)),
    );
  });
  socket.addEventListener('close', (event: { code: number; reason: string }) => {
    for (const call of pending.values())
      call.reject(new HostError('CLOSED', 'The connection to the Facet host closed.'));
    pending.clear();
    resolveClosed({ code: event.code, reason: String(event.reason) });
  });
  socket.addEventListener('message', (event: { data: ArrayBuffer }) => {
    const message = decodeMessage(new Uint8Array(event.data)) as {
      id?: number;
      result?: unknown;
      error?: { code: string; message: string; line?: unknown; column?: unknown; position?: unknown };
      event?: string;
      data?: unknown;
    };
    if (message.event !== undefined) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.data as never);
      return;
    }
    const call = message.id !== undefined ? pending.get(message.id) : undefined;
    if (!call || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) call.reject(new HostError(message.error.code, message.error.message, message.error));
    else call.resolve(message.result);
  });

  const call = (method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (socket.readyState !== 1) {
        reject(new HostError('CLOSED', 'The connection to the Facet host is closed.'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(encodeMessage({ id, method, args }));
    });

  const api = hostApiProxy(call);

  return {
    api,
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    close: () => socket.close(1000, 'bye'),
    closed,
  };
}
