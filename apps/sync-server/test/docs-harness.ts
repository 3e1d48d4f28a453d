import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { relayConfig } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { PostgresDb } from '../src/db/postgres-db.ts';
import { migrate } from '../src/db/schema.ts';
import { SqliteDb } from '../src/db/sqlite-db.ts';
import { createDocsApi, type DocsService } from '../src/docs-api/docs-service.ts';
import type { Principal } from '../src/http/principal.ts';
import { Router, sendJson } from '../src/http/router.ts';
import { accessEvents, type RelayContext } from '../src/relay-context.ts';

/**
 * A real HTTP server mounting only the documents API over a real store, for the docs-*.test.ts files.
 * Authentication is test wiring (accounts and tokens belong to src/auth): `Bearer user:<id>` is that
 * user with an access token, `Bearer key:<id>:<scope,scope>` an API key of that user with those scopes.
 *
 * The store is SQLite in a temp folder, or a fresh database on a Postgres server: the one passed in, or
 * the one FACET_TEST_POSTGRES_URL names (set it to run every docs-*.test.ts file on Postgres).
 */
export interface DocsTestRelay {
  url: string;
  db: Db;
  ctx: RelayContext;
  docs: DocsService;
  router: Router;
  /** Events emitted on ctx.events, in order. */
  events: { name: 'access-changed' | 'doc-deleted'; docId: string; userId?: string }[];
  /** Documents passed to hooks.onDelete. */
  deleted: string[];
  /** The injected clock; tests move it forward. */
  clock: { now: number };
  /** Inserts a user row (the auth module's job in the real relay). */
  user(id: string, email?: string, name?: string): Promise<{ id: string; email: string }>;
  request(
    method: string,
    path: string,
    as: string | null,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  json: unknown;
  text: string;
}

export function bearer(as: string): string {
  return `Bearer ${as}`;
}

/** The Principal a test bearer string (`user:<id>` or `key:<id>:<scopes>`) stands for. */
export function principalFor(as: string): Principal | null {
  const user = /^user:(.+)$/.exec(as);
  if (user) return { userId: user[1]!, via: 'token', scopes: null };
  const key = /^key:([^:]+):(.*)$/.exec(as);
  if (key)
    return {
      userId: key[1]!,
      via: 'api-key',
      scopes: key[2]!.split(',').filter(Boolean),
      keyId: `key-${key[1]}`,
    };
  return null;
}

function principalOf(req: IncomingMessage): Principal | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? principalFor(header.slice(7)) : null;
}

async function openStore(admin: string | undefined): Promise<{ db: Db; dispose: () => Promise<void> }> {
  if (admin) {
    const name = `docs_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const db = new PostgresDb(url.toString());
    return {
      db,
      dispose: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'facet-docs-'));
  const db = new SqliteDb(join(dir, 'relay.sqlite'));
  return { db, dispose: async () => (await db.close(), await rm(dir, { recursive: true, force: true })) };
}

/** `postgresUrl`: an admin URL of a Postgres server; the relay gets a fresh database on it. */
export async function startDocsRelay(options: { postgresUrl?: string } = {}): Promise<DocsTestRelay> {
  const { db, dispose } = await openStore(options.postgresUrl ?? process.env.FACET_TEST_POSTGRES_URL);
  await migrate(db);
  const clock = { now: 1_700_000_000_000 };
  const log = pino({ level: 'silent' });
  const ctx: RelayContext = {
    db,
    config: relayConfig({ dataDir: tmpdir(), logLevel: 'silent' }),
    log,
    events: accessEvents(),
    publicUrl: 'https://relay.example',
    now: () => clock.now,
  };
  const events: DocsTestRelay['events'] = [];
  ctx.events.on('access-changed', (e) => events.push({ name: 'access-changed', ...e }));
  ctx.events.on('doc-deleted', (e) => events.push({ name: 'doc-deleted', ...e }));
  const deleted: string[] = [];
  const docs = createDocsApi(ctx, {
    onDelete: (docId) => {
      deleted.push(docId);
      return Promise.resolve();
    },
  });
  const router = new Router((req) => Promise.resolve(principalOf(req)), log);
  router.add(...docs.routes);
  const server = createServer((req, res) => {
    void router.handle(req, res, '127.0.0.1').then((handled) => {
      if (!handled) sendJson(res, 404, { error: { code: 'not_found', message: 'No such route.' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    db,
    ctx,
    docs,
    router,
    events,
    deleted,
    clock,
    async user(id, email = `${id}@example.com`, name = id) {
      await db.run('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)', [
        id,
        email,
        name,
        clock.now,
      ]);
      return { id, email };
    },
    async request(method, path, as, body, headers = {}) {
      const init: RequestInit = {
        method,
        headers: { ...(as ? { authorization: bearer(as) } : {}), ...headers },
      };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = { 'content-type': 'application/json', ...init.headers };
      }
      const res = await fetch(url + path, init);
      const text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispose();
    },
  };
}
