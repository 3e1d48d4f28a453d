import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestRelay, type TestRelay } from './harness.ts';
import { providerClosed } from './relay-frames.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.stop();
});

/** Every REST route the relay had when this test was written (the spec may list more). */
const KNOWN_ROUTES = [
  'GET /api/auth/providers',
  'GET /api/auth/oidc/:provider/start',
  'GET /api/auth/oidc/:provider/callback',
  'POST /api/keys',
  'GET /api/keys',
  'DELETE /api/keys/:id',
  'POST /api/auth/totp/enroll',
  'POST /api/auth/totp/verify',
  'POST /api/auth/totp/disable',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/me',
  'GET /api/docs/:id/members',
  'POST /api/docs/:id/members',
  'PATCH /api/docs/:id/members/:userId',
  'DELETE /api/docs/:id/members/:userId',
  'GET /api/docs/:id/teams',
  'POST /api/docs/:id/teams',
  'DELETE /api/docs/:id/teams/:teamId',
  'GET /api/docs/:id/activity',
  'POST /api/docs/:id/invites',
  'GET /api/docs/:id/invites',
  'DELETE /api/docs/:id/invites/:inviteId',
  'POST /api/invites/accept',
  'POST /api/docs',
  'GET /api/docs',
  'GET /api/docs/:id',
  'PATCH /api/docs/:id',
  'DELETE /api/docs/:id',
  'POST /api/teams',
  'GET /api/teams',
  'POST /api/teams/:id/members',
  'DELETE /api/teams/:id/members/:userId',
];

/** Parses Prometheus text exposition: every sample line must be `name{labels} value`. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    expect(match, line).not.toBeNull();
    out.set(match![1]!, Number(match![2]));
  }
  return out;
}

interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required?: boolean }[];
  responses: Record<string, unknown>;
  security?: Record<string, unknown>[];
}

describe('relay operations endpoints', () => {
  it('GET /health answers 200 with counts', async () => {
    const alice = await relay.signUp('ops-health');
    const docId = await relay.createDoc(alice.token);
    const a = await relay.connect(docId, alice.token);
    const b = await relay.connect(docId, alice.token);
    const res = await relay.api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
    expect(res.body.documents).toBeGreaterThanOrEqual(1);
    expect(res.body.connections).toBeGreaterThanOrEqual(2);
    a.destroy();
    b.destroy();
    await expect.poll(async () => (await relay.api('GET', '/health')).body.connections).toBe(0);
  });

  it('GET /metrics serves Prometheus text with the relay’s metrics', async () => {
    const alice = await relay.signUp('ops-metrics');
    const docId = await relay.createDoc(alice.token);
    const a = await relay.connect(docId, alice.token);
    a.doc.getText('t').insert(0, 'measured');
    await a.settled();
    const res = await fetch(`${relay.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const name of [
      'facet_relay_connections',
      'facet_relay_documents',
      'facet_relay_messages_total',
      'facet_relay_store_commit_seconds',
      'facet_relay_log_rows',
    ])
      expect(text, name).toContain(`# TYPE ${name} `);
    const values = samples(text);
    expect(values.get('facet_relay_connections')).toBeGreaterThanOrEqual(1);
    expect(values.get('facet_relay_documents')).toBeGreaterThanOrEqual(1);
    expect(values.get('facet_relay_messages_total')).toBeGreaterThan(0);
    expect(values.get('facet_relay_store_commit_seconds_count')).toBeGreaterThan(0);
    const rows = (await relay.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates'))!;
    expect(values.get('facet_relay_log_rows')).toBe(Number(rows.n));
    a.destroy();
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document covering every route', async () => {
    const res = await relay.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const spec = res.body as unknown as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(spec.info.title).toBeTruthy();
    expect(spec.info.version).toBeTruthy();

    const listed = new Set<string>();
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(spec.paths)) {
      expect(path).toMatch(/^\//);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(methods)) {
        expect(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']).toContain(method);
        listed.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        const declared = op.parameters.filter((p) => p.in === 'path');
        // Every path parameter is declared, required, and nothing else claims to be one.
        expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual([...inPath].sort());
        for (const p of declared) expect(p.required).toBe(true);
        for (const s of op.security ?? [])
          for (const name of Object.keys(s)) expect(spec.components.securitySchemes).toHaveProperty(name);
      }
    }
    for (const route of KNOWN_ROUTES) expect(listed, route).toContain(route);
    // Every $ref points at something that exists.
    for (const [, ref] of JSON.stringify(spec).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(spec.components.schemas).toHaveProperty(ref!);

    // And every listed operation is really served (not the relay's catch-all 404).
    for (const route of listed) {
      const [method, path] = route.split(' ') as [string, string];
      const answer = await relay.api(method, path.replace(/:\w+/g, 'x'));
      expect(answer.body.error?.message ?? '', route).not.toMatch(/^Nothing at/);
    }
  });

  it('answers an unknown route with a JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/api/nope'],
      ['GET', '/api/docs/x/y/z'],
      ['DELETE', '/health'],
    ] as const) {
      const res = await relay.api(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error?.code).toBe('not_found');
    }
  });
});

/** Sends an HTTP/1.0 request on a socket opened earlier; resolves with the status and the JSON body. */
function rawGet(
  socket: ReturnType<typeof connect>,
  path: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      const split = data.indexOf('\r\n\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      if (!status || split < 0) return reject(new Error(`not an HTTP answer: ${data}`));
      resolve({ status: Number(status[1]), body: JSON.parse(data.slice(split + 4)) });
    });
    // HTTP/1.0: the answer comes unchunked and the relay closes the connection after it.
    socket.write(`GET ${path} HTTP/1.0\r\n\r\n`);
  });
}

describe('relay graceful shutdown', () => {
  it('stores every acknowledged update and closes clients with 1001', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facet-relay-ops-'));
    try {
      // Compaction far off, so acknowledged updates sit in the log and in memory when the relay stops.
      const slow = { compactDebounceMs: 60_000, compactMaxDebounceMs: 120_000 };
      const first = await startTestRelay(slow, dir);
      const alice = await first.signUp('ops-shutdown');
      const docs = [await first.createDoc(alice.token), await first.createDoc(alice.token)];
      const clients = await Promise.all(
        docs.flatMap((d) => [first.connect(d, alice.token), first.connect(d, alice.token)]),
      );
      clients.forEach((c, i) => {
        for (let n = 0; n < 50; n++) c.doc.getArray<string>('log').push([`${i}:${n}`]);
      });
      await Promise.all(clients.map((c) => c.settled()));
      const expected = docs.map((_, d) => clients[d * 2]!.doc);

      const closes = clients.map((c) => providerClosed(c.socket));
      // A request already connected when shutdown begins hears that the relay is going away.
      const early = connect(first.port, '127.0.0.1');
      await new Promise((r) => early.once('connect', r));
      const stopping = first.close();
      const health = await rawGet(early, '/health');
      early.destroy();
      await stopping;
      expect((await Promise.all(closes)).map((c) => c.code)).toEqual(clients.map(() => 1001));
      for (const c of clients) c.destroy();
      expect(health).toMatchObject({ status: 503, body: { status: 'shutting-down' } });

      const second = await startTestRelay(slow, dir);
      try {
        // Access tokens name the relay's URL as issuer, and this one listens on another port: sign in again.
        const login = await second.api('POST', '/api/auth/login', {
          json: { email: alice.email, password: 'correct horse battery staple' },
        });
        const token = (login.body as { accessToken: string }).accessToken;
        for (const [d, docId] of docs.entries()) {
          const fresh = await second.connect(docId, token);
          const log = fresh.doc.getArray<string>('log');
          expect(log.length).toBe(100);
          expect(log.toArray()).toEqual(expected[d]!.getArray('log').toArray());
          expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(expected[d]!));
          fresh.destroy();
        }
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
