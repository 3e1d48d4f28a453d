import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';
import { makeTeam, serverErrors, type Team } from './versions-fixture.ts';

/**
 * Hostile input to the published-data routes: odd hashes and paths (sent verbatim, not normalised by
 * a URL parser), names and media types. Every answer is a 4xx; nothing is stored.
 */
let relay: TestRelay;
let team: Team;
const body = randomBytes(100);
const hash = createHash('sha256').update(body).digest('hex');

beforeAll(async () => {
  relay = await startTestRelay();
  team = await makeTeam(relay, 'dhostile');
});
afterAll(async () => {
  await relay.stop();
});

/** Sends a request with `path` exactly as given. */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  payload?: Uint8Array,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(relay.url);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${team.owner.token}`,
          ...(payload ? { 'content-length': String(payload.byteLength) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const HOSTILE_HASHES = [
  hash.toUpperCase(),
  hash.slice(1),
  `${hash}0`,
  `${hash.slice(0, 63)}g`,
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  `${hash}%00`,
  `%20${hash}`,
  '%ZZ',
  '%F0%9F%92%A9',
  'x'.repeat(5000),
];

describe('published data: hostile input', () => {
  it.each(HOSTILE_HASHES)('refuses the hash %s on every route', async (bad) => {
    const base = `/api/docs/${team.docId}/data/${bad}`;
    for (const [method, payload] of [['PUT', body], ['GET'], ['DELETE']] as const) {
      const res = await send(method, base, { 'x-facet-name': 'x' }, payload);
      expect(res.status, `${method} ${bad}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${bad}`).toBeLessThan(500);
    }
  });

  it('answers 404 for a path that climbs out of the API', async () => {
    const res = await send('GET', `/api/docs/${team.docId}/data/../../../../etc/passwd`);
    expect(res.status).toBe(404);
  });

  it.each([
    ['no name', {}],
    ['an empty name', { 'x-facet-name': '' }],
    ['a name of spaces', { 'x-facet-name': '%20%20' }],
    ['a newline in the name', { 'x-facet-name': 'a%0Ab' }],
    ['a NUL in the name', { 'x-facet-name': 'a%00b' }],
    ['a lone surrogate', { 'x-facet-name': '%ED%A0%80' }],
    ['broken percent-encoding', { 'x-facet-name': '%E0%A4%A' }],
    ['a 201-character name', { 'x-facet-name': 'n'.repeat(201) }],
    ['a media type without a subtype', { 'x-facet-name': 'x', 'content-type': 'text' }],
    ['an unterminated parameter', { 'x-facet-name': 'x', 'content-type': 'text/csv; charset="utf-8' }],
    ['a huge media type', { 'x-facet-name': 'x', 'content-type': `a/${'b'.repeat(300)}` }],
    ['Content-Length and chunked at once', { 'x-facet-name': 'x', 'transfer-encoding': 'chunked' }],
  ])('refuses %s with 400', async (_what, headers: Record<string, string>) => {
    const res = await send('PUT', `/api/docs/${team.docId}/data/${hash}`, headers, body);
    expect(res.status, res.text).toBe(400);
  });

  it('keeps a Unicode name intact', async () => {
    const name = 'Umsätze 📈 — 売上.parquet';
    const res = await send(
      'PUT',
      `/api/docs/${team.docId}/data/${hash}`,
      { 'x-facet-name': encodeURIComponent(name) },
      body,
    );
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toMatchObject({ name, mediaType: 'application/octet-stream' });
  });

  it.each(['nope', '%00', 'x'.repeat(200), '%F0%9F%92%A9', '..'])(
    'answers 404 for the document id %s',
    async (id) => {
      for (const [method, path] of [
        ['GET', `/api/docs/${id}/data`],
        ['GET', `/api/docs/${id}/data/${hash}`],
        ['DELETE', `/api/docs/${id}/data/${hash}`],
      ] as const) {
        expect((await send(method, path)).status, `${method} ${path}`).toBe(404);
      }
      expect((await send('PUT', `/api/docs/${id}/data/${hash}`, { 'x-facet-name': 'x' }, body)).status).toBe(
        404,
      );
    },
  );

  it('stored nothing from refused uploads and answered nothing with a server error', async () => {
    expect(Number((await relay.db.get('SELECT COUNT(*) AS n FROM blob_uploads'))?.n)).toBe(0);
    expect(Number((await relay.db.get('SELECT COUNT(*) AS n FROM data_blobs'))?.n)).toBe(1);
    expect(await serverErrors(relay)).toBe(0);
  });
});
