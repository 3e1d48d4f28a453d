import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';
import { makeTeam, raw, serverErrors, type Team } from './versions-fixture.ts';

/** Hostile input to the versions and branches routes: every answer is a 4xx, never a 500. */
let relay: TestRelay;
let team: Team;
let versionId: string;

beforeAll(async () => {
  relay = await startTestRelay();
  team = await makeTeam(relay, 'vhostile');
  const v = await relay.api('POST', `/api/docs/${team.docId}/versions`, {
    token: team.owner.token,
    json: { name: 'v' },
  });
  versionId = (v.body as { id: string }).id;
});
afterAll(async () => {
  await relay.stop();
});

const BAD_NAMES: unknown[] = [
  '',
  '   ',
  'a\nb',
  'a\u0000b',
  '\ud800',
  'n'.repeat(201),
  42,
  null,
  ['x'],
  { name: 'x' },
];
const BAD_IDS = ['nope', '%00', 'x'.repeat(200), '%F0%9F%92%A9', '%ZZ', '..'];

function sendText(method: string, path: string, text: string, type = 'application/json') {
  return raw(relay, method, path, {
    token: team.owner.token,
    body: new TextEncoder().encode(text),
    headers: { 'content-type': type },
  });
}

describe('versions: hostile input', () => {
  it.each(BAD_NAMES)('refuses the version and branch name %j', async (name) => {
    for (const path of [`/api/docs/${team.docId}/versions`, `/api/docs/${team.docId}/branches`]) {
      const res = await relay.api('POST', path, { token: team.owner.token, json: { name } });
      expect(res.status, path).toBe(400);
    }
  });

  it('refuses bodies that are not the JSON object asked for', async () => {
    const path = `/api/docs/${team.docId}/versions`;
    expect((await sendText('POST', path, '{"name": ')).status).toBe(400);
    expect((await sendText('POST', path, '[]')).status).toBe(400);
    expect((await sendText('POST', path, 'name=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    for (const fromVersion of [42, '', 'a b', 'x'.repeat(200), '\u0000'])
      expect(
        (
          await relay.api('POST', `/api/docs/${team.docId}/branches`, {
            token: team.owner.token,
            json: { name: 'b', fromVersion },
          })
        ).status,
      ).toBe(400);
  });

  it('refuses bad paging', async () => {
    for (const q of ['limit=0', 'limit=abc', 'limit=100000', 'before=%00', `before=${'x'.repeat(200)}`])
      expect(
        (await relay.api('GET', `/api/docs/${team.docId}/versions?${q}`, { token: team.owner.token })).status,
        q,
      ).toBe(400);
    // An unknown version to page from is simply an empty page.
    const page = await relay.api('GET', `/api/docs/${team.docId}/versions?before=unknown`, {
      token: team.owner.token,
    });
    expect(page.status).toBe(200);
    expect(page.body).toEqual([]);
  });

  it.each(BAD_IDS)('answers 4xx for the id %s in every position', async (bad) => {
    const routes: [string, string][] = [
      ['GET', `/api/docs/${bad}/versions`],
      ['POST', `/api/docs/${bad}/versions`],
      ['GET', `/api/docs/${team.docId}/versions/${bad}`],
      ['GET', `/api/docs/${team.docId}/versions/${bad}/state`],
      ['POST', `/api/docs/${team.docId}/versions/${bad}/restore`],
      ['DELETE', `/api/docs/${team.docId}/versions/${bad}`],
      ['GET', `/api/docs/${bad}/versions/${versionId}`],
      ['POST', `/api/docs/${bad}/branches`],
      ['GET', `/api/docs/${bad}/branches`],
      ['POST', `/api/docs/${bad}/merge`],
    ];
    for (const [method, path] of routes) {
      const res = await relay.api(method, path, {
        token: team.owner.token,
        json: method === 'POST' ? { name: 'n' } : undefined,
      });
      expect([400, 404], `${method} ${path}`).toContain(res.status);
    }
  });

  it('answered nothing with a server error', async () => {
    expect(await serverErrors(relay)).toBe(0);
  });
});
