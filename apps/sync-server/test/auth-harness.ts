import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AuthService } from '../src/auth/auth-service.ts';
import { createAuth } from '../src/auth/auth-service.ts';
import type { RelayConfig } from '../src/config.ts';
import { relayConfig } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { PostgresDb } from '../src/db/postgres-db.ts';
import { migrate } from '../src/db/schema.ts';
import { SqliteDb } from '../src/db/sqlite-db.ts';
import { Router, sendJson } from '../src/http/router.ts';
import type { AccessEvents, RelayContext } from '../src/relay-context.ts';
import { accessEvents } from '../src/relay-context.ts';

/**
 * A real node:http server mounting only the auth routes over a real store (SQLite in a temp folder,
 * or the Postgres database given), for the auth-*.test.ts files. The clock is the real one (or the
 * start time, frozen) plus an offset the tests can move forward.
 */
export interface AuthTestRelay {
  url: string;
  db: Db;
  ctx: RelayContext;
  auth: AuthService;
  clock: { offsetMs: number };
  /** 'credential-revoked' events, in order. */
  revoked: AccessEvents['credential-revoked'][0][];
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** A second auth service over the same store, as another relay would have. */
  sibling(): Promise<AuthService>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  /** A raw body, sent as is (with the content type given in headers, or JSON). */
  body?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string } };
  text: string;
  headers: Headers;
}

export interface AuthRelayOptions {
  /** Config overrides; a function receives the relay's public URL (known once the server listens). */
  config?: Partial<RelayConfig> | ((publicUrl: string) => Partial<RelayConfig>);
  postgresUrl?: string;
  /** Stop the clock at the start time (it still moves by `clock.offsetMs`), e.g. to stay within one TOTP step. */
  frozenClock?: boolean;
}

export async function startAuthRelay(options: AuthRelayOptions = {}): Promise<AuthTestRelay> {
  const dir = await mkdtemp(join(tmpdir(), 'facet-auth-'));
  const db: Db = options.postgresUrl
    ? new PostgresDb(options.postgresUrl)
    : new SqliteDb(join(dir, 'relay.sqlite'));
  await migrate(db);
  const log = pino({ level: 'silent' });
  // Routes are added once the auth service exists (it needs the URL the server listens on).
  const late: { auth?: AuthService } = {};
  const router = new Router((req) => late.auth?.authenticateRequest(req) ?? Promise.resolve(null), log);
  const server = createServer((req, res) => {
    const ip = req.socket.remoteAddress ?? '';
    router
      .handle(req, res, ip)
      .then((handled) => {
        if (!handled) sendJson(res, 404, { error: { code: 'not_found', message: 'No such route.' } });
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const overrides = typeof options.config === 'function' ? options.config(url) : (options.config ?? {});
  const clock = { offsetMs: 0 };
  const frozenAt = options.frozenClock ? Date.now() : undefined;
  const events = accessEvents();
  const revoked: AuthTestRelay['revoked'] = [];
  events.on('credential-revoked', (e) => revoked.push(e));
  // Relays behind one address share a public URL (the token issuer); tests may set it.
  const publicUrl = overrides.publicUrl ?? url;
  const ctx: RelayContext = {
    db,
    config: relayConfig({ dataDir: dir, logLevel: 'silent', publicUrl, ...overrides }),
    log,
    events,
    publicUrl,
    now: () => (frozenAt ?? Date.now()) + clock.offsetMs,
  };
  const auth = await createAuth(ctx);
  late.auth = auth;
  router.add(...auth.routes);

  async function call(method: string, path: string, o: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.body;
    if (o.json !== undefined) body = JSON.stringify(o.json);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let json: Answer['json'] = {};
    try {
      json = text ? (JSON.parse(text) as Answer['json']) : {};
    } catch {
      // Not JSON: the test looks at `text`.
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  return {
    url,
    db,
    ctx,
    auth,
    clock,
    revoked,
    call,
    sibling: () => createAuth({ ...ctx, events: accessEvents() }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A password that passes the strength rules. */
export const GOOD_PASSWORD = 'correct-Horse-battery';

/** Registers a user and returns the token pair answer. */
export async function register(
  relay: AuthTestRelay,
  email: string,
  password = GOOD_PASSWORD,
): Promise<{ accessToken: string; refreshToken: string; user: { id: string; email: string } }> {
  const answer = await relay.call('POST', '/api/auth/register', {
    json: { email, password, name: 'Test User' },
  });
  if (answer.status !== 201) throw new Error(`register failed: ${answer.status} ${answer.text}`);
  return answer.json as never;
}
