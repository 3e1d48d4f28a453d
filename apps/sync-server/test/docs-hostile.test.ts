import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsRelay, type DocsTestRelay } from './docs-harness.ts';

let relay: DocsTestRelay;
let docId: string;
let teamId: string;

beforeAll(async () => {
  relay = await startDocsRelay();
  await relay.user('owner');
  await relay.user('other');
  const created = await relay.request('POST', '/api/docs', 'user:owner', { name: 'Target' });
  docId = (created.json as { id: string }).id;
  const team = await relay.request('POST', '/api/teams', 'user:owner', { name: 'T' });
  teamId = (team.json as { id: string }).id;
});

afterAll(async () => relay.close());

async function send(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const answer = await relay.request(method, path, 'user:owner', body, headers);
  // Whatever happens, the relay answers with its error shape and never with a 500.
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(500);
  if (answer.status >= 400)
    expect(answer.json).toMatchObject({
      error: { code: expect.any(String) as unknown, message: expect.any(String) as unknown },
    });
  return answer;
}

/**
 * A 2 MiB body on a connection of its own: the router answers 413 before reading it all and the socket
 * is then dropped, which must not poison the pooled keep-alive connection the other requests use.
 */
function oversized(): Promise<number | undefined> {
  const payload = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${relay.url}/api/docs`,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: 'Bearer user:owner', 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    // Once the status has arrived a reset of the rest of the upload is expected and ignored.
    req.on('error', reject);
    req.end(payload);
  });
}

describe('document names', () => {
  it.each([
    ['missing', {}],
    ['a number', { name: 123 }],
    ['null', { name: null }],
    ['an array', { name: ['a'] }],
    ['an object', { name: { toString: 'x' } }],
    ['empty', { name: '' }],
    ['blank', { name: '   ' }],
    ['201 characters', { name: 'x'.repeat(201) }],
    ['a megabyte-ish', { name: 'x'.repeat(900_000) }],
    ['a NUL byte', { name: 'a\u0000b' }],
    ['a newline', { name: 'line\nbreak' }],
    ['a lone surrogate', { name: 'broken \ud800 text' }],
  ])('refuses a name that is %s with 400', async (_, body) => {
    expect((await send('POST', '/api/docs', body)).status).toBe(400);
    expect((await send('PATCH', `/api/docs/${docId}`, body)).status).toBe(400);
  });

  it.each([
    ['200 characters', 'y'.repeat(200)],
    ['SQL-ish', "Robert'); DROP TABLE docs; --"],
    ['quotes and percent', `100% "quoted" \\ 'single' ?`],
    ['unicode', 'Données 数据 🚀 Ünïcödé ‮rtl'],
    ['padded', '  padded  '],
  ])('stores a name that is %s exactly (trimmed)', async (_, name) => {
    const created = await send('POST', '/api/docs', { name });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    const read = await send('GET', `/api/docs/${id}`);
    expect((read.json as { name: string }).name).toBe(name.trim());
    // The tables survived.
    expect((await send('GET', '/api/docs')).status).toBe(200);
  });
});

describe('bodies', () => {
  it.each([
    ['truncated JSON', '{"name": "x"', 400],
    ['not JSON', 'name=x', 400],
    ['a JSON array', '[]', 400],
    ['JSON null', 'null', 400],
    ['a JSON string', '"x"', 400],
  ])('answers %s with the right status', async (_, raw, status) => {
    expect((await send('POST', '/api/docs', raw)).status).toBe(status);
  });

  it('answers a body that is not JSON by type with 415 and one over the limit with 413', async () => {
    expect((await send('POST', '/api/docs', 'name=x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await oversized()).toBe(413);
  });

  it.each([
    ['an unknown role', { email: 'other@example.com', role: 'admin' }],
    ['a role in capitals', { email: 'other@example.com', role: 'OWNER' }],
    ['an SQL-ish email', { email: "' OR 1=1 --", role: 'viewer' }],
    ['an email with a NUL', { email: 'other\u0000@example.com', role: 'viewer' }],
    ['no email', { role: 'viewer' }],
    ['a numeric role', { email: 'other@example.com', role: 1 }],
  ])('refuses a member with %s', async (_, body) => {
    expect((await send('POST', `/api/docs/${docId}/members`, body)).status).toBe(400);
  });

  it.each([
    ['zero hours', { role: 'viewer', expiresInHours: 0 }],
    ['721 hours', { role: 'viewer', expiresInHours: 721 }],
    ['fractional hours', { role: 'viewer', expiresInHours: 1.5 }],
    ['hours as a string', { role: 'viewer', expiresInHours: '24' }],
    ['no expiry', { role: 'viewer' }],
    ['a bad email', { role: 'viewer', expiresInHours: 1, email: 'nope' }],
  ])('refuses an invite with %s', async (_, body) => {
    expect((await send('POST', `/api/docs/${docId}/invites`, body)).status).toBe(400);
  });

  it('refuses bad tokens and team grants', async () => {
    expect((await send('POST', '/api/invites/accept', { token: 'x'.repeat(201) })).status).toBe(400);
    expect((await send('POST', '/api/invites/accept', { token: 42 })).status).toBe(400);
    expect((await send('POST', '/api/invites/accept', { token: "' OR ''='" })).status).toBe(404);
    expect((await send('POST', `/api/docs/${docId}/teams`, { teamId, role: 'owner' })).status).toBe(400);
    expect(
      (await send('POST', `/api/docs/${docId}/teams`, { teamId: '../../etc', role: 'viewer' })).status,
    ).toBe(404);
    expect(
      (await send('POST', `/api/docs/${docId}/teams`, { teamId: 'a\u0000b', role: 'viewer' })).status,
    ).toBe(404);
    expect(
      (await send('POST', `/api/teams/${teamId}/members`, { email: 'other@example.com', role: 'admin' }))
        .status,
    ).toBe(400);
  });
});

describe('ids in paths', () => {
  const ids = [
    '..%2F..%2Fetc%2Fpasswd',
    '%2E%2E',
    '%00',
    'a%00b',
    `${'a'.repeat(5000)}`,
    encodeURIComponent("' OR '1'='1"),
    encodeURIComponent('数据'),
    '%E0%A4%A',
    '%',
  ];

  it.each(ids.map((id) => [id.slice(0, 40), id]))('answers a doc id %s with 400 or 404', async (_, id) => {
    for (const [method, path, body] of [
      ['GET', `/api/docs/${id}`],
      ['PATCH', `/api/docs/${id}`, { name: 'x' }],
      ['DELETE', `/api/docs/${id}`],
      ['GET', `/api/docs/${id}/members`],
      ['GET', `/api/docs/${id}/activity`],
      ['POST', `/api/docs/${id}/invites`, { role: 'viewer', expiresInHours: 1 }],
    ] as const) {
      expect([400, 404]).toContain((await send(method, path, body)).status);
    }
  });

  it.each(ids.map((id) => [id.slice(0, 40), id]))(
    'answers a member, invite or team id %s with 400 or 404',
    async (_, id) => {
      for (const [method, path, body] of [
        ['PATCH', `/api/docs/${docId}/members/${id}`, { role: 'viewer' }],
        ['DELETE', `/api/docs/${docId}/members/${id}`],
        ['DELETE', `/api/docs/${docId}/invites/${id}`],
        ['DELETE', `/api/docs/${docId}/teams/${id}`],
        ['POST', `/api/teams/${id}/members`, { email: 'other@example.com', role: 'member' }],
        ['DELETE', `/api/teams/${teamId}/members/${id}`],
      ] as const) {
        expect([400, 404]).toContain((await send(method, path, body)).status);
      }
    },
  );

  it.each([
    ['limit=abc'],
    ['limit=0'],
    ['limit=1e9'],
    ['limit=201'],
    ['before=-1'],
    ['before=1;DROP'],
    ['before='],
  ])('refuses activity query %s with 400', async (q) => {
    expect((await send('GET', `/api/docs/${docId}/activity?${q}`)).status).toBe(400);
  });

  it('still serves the document after all of that', async () => {
    const read = await send('GET', `/api/docs/${docId}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: docId, name: 'Target', role: 'owner' });
  });
});
