import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket as WebSocketPolyfill } from 'ws';
import * as Y from 'yjs';
import { relayConfig, type RelayConfigInput } from '../src/config.ts';
import { startRelay, type Relay } from '../src/relay.ts';

/**
 * A real relay on a random port over a temp folder, plus helpers that talk to it the way the app
 * does: REST calls with real tokens and real `@hocuspocus/provider` clients.
 */
export interface TestRelay extends Relay {
  dataDir: string;
  api(
    method: string,
    path: string,
    options?: { token?: string; json?: unknown },
  ): Promise<{ status: number; body: Json }>;
  /** Registers a user and returns their access token and id. */
  signUp(name?: string): Promise<{ token: string; refreshToken: string; userId: string; email: string }>;
  createDoc(token: string, name?: string): Promise<string>;
  /** Connects a provider and waits until it has synced (or failed to authenticate, when `expectFailure`). */
  connect(docId: string, token: string, doc?: Y.Doc): Promise<TestClient>;
  /** Stops the relay and deletes its data (unless `keepData`). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves once every local change has been acknowledged by the relay. */
  settled(): Promise<void>;
  destroy(): void;
}

/** A parsed JSON answer; tests narrow it with a cast where they read fields. */
export type Json = Record<string, unknown> & { error?: { code: string; message: string } };

let users = 0;

export async function startTestRelay(
  overrides: Omit<RelayConfigInput, 'dataDir'> = {},
  dataDir?: string,
): Promise<TestRelay> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'facet-relay-'));
  const relay = await startRelay(
    relayConfig({
      port: 0,
      dataDir: dir,
      logLevel: 'silent',
      compactDebounceMs: 200,
      compactMaxDebounceMs: 1000,
      ...overrides,
      limits: { loginsPerMinute: 10_000, connectionsPerMinutePerIp: 100_000, ...overrides.limits },
    }),
  );
  const api: TestRelay['api'] = async (method, path, options = {}) => {
    const res = await fetch(relay.url + path, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  return {
    ...relay,
    dataDir: dir,
    api,
    async signUp(name = `user${++users}`) {
      const email = `${name}-${process.pid}-${users}@example.com`.toLowerCase();
      const res = await api('POST', '/api/auth/register', {
        json: { email, password: 'correct horse battery staple', name },
      });
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      const body = res.body as { accessToken: string; refreshToken: string; user: { id: string } };
      return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, email };
    },
    async createDoc(token, name = 'Canvas') {
      const res = await api('POST', '/api/docs', { token, json: { name } });
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`create doc failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
    connect: (docId, token, doc) => connectClient(relay.wsUrl, docId, token, doc),
    async stop(options = {}) {
      await relay.close();
      if (!options.keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A provider on its own socket; resolves when synced, rejects with the reason when refused. */
export function connectClient(
  wsUrl: string,
  docId: string,
  token: string,
  doc = new Y.Doc(),
): Promise<TestClient> {
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    WebSocketPolyfill,
    delay: 50,
    minDelay: 50,
    maxDelay: 1000,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: docId, document: doc, token });
  provider.attach();
  const client: TestClient = {
    doc,
    provider,
    socket,
    settled: () =>
      new Promise<void>((resolve) => {
        if (provider.unsyncedChanges === 0) return resolve();
        const check = () => {
          if (provider.unsyncedChanges === 0) {
            provider.off('unsyncedChanges', check);
            resolve();
          }
        };
        provider.on('unsyncedChanges', check);
      }),
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider for ${docId} did not sync in 15 s`)), 15_000);
    provider.on('synced', () => {
      clearTimeout(timer);
      resolve(client);
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      clearTimeout(timer);
      client.destroy();
      reject(new Error(`authentication failed: ${reason}`));
    });
  });
}
