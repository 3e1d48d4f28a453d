import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningService } from './services.ts';
import { startDocsRelay, type DocsTestRelay } from './docs-harness.ts';

/**
 * The documents API on Postgres: the races that only a multi-connection store can have, and input
 * Postgres is stricter about than SQLite (NUL bytes, broken Unicode). The other docs-*.test.ts files run
 * on Postgres too with FACET_TEST_POSTGRES_URL set.
 */
let postgres: RunningService;
let relay: DocsTestRelay;

beforeAll(async () => {
  postgres = await startPostgres();
  relay = await startDocsRelay({ postgresUrl: postgres.url });
  for (const id of ['pat', 'quinn', 'ray']) await relay.user(id);
});

afterAll(async () => {
  await relay?.close();
  await postgres?.stop();
});

async function newDoc(): Promise<string> {
  const created = await relay.request('POST', '/api/docs', 'user:pat', { name: 'On Postgres' });
  expect(created.status).toBe(201);
  return (created.json as { id: string }).id;
}

describe('docs on Postgres', () => {
  it('runs on Postgres', () => {
    expect(relay.db.dialect.name).toBe('postgres');
  });

  it('keeps one owner when all owners step down at once', async () => {
    const docId = await newDoc();
    for (const id of ['quinn', 'ray']) {
      await relay.request('POST', `/api/docs/${docId}/members`, 'user:pat', {
        email: `${id}@example.com`,
        role: 'owner',
      });
    }
    const answers = await Promise.all(
      ['pat', 'quinn', 'ray'].map((id) =>
        relay.request('PATCH', `/api/docs/${docId}/members/${id}`, `user:${id}`, { role: 'viewer' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 409]);
    const owners = await relay.db.all("SELECT user_id FROM doc_members WHERE doc_id = ? AND role = 'owner'", [
      docId,
    ]);
    expect(owners).toHaveLength(1);
  });

  it('adds a member once when the same add arrives twice at once', async () => {
    const docId = await newDoc();
    const body = { email: 'quinn@example.com', role: 'editor' };
    const answers = await Promise.all(
      [1, 2].map(() => relay.request('POST', `/api/docs/${docId}/members`, 'user:pat', body)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('refuses NUL bytes and broken Unicode with 4xx, never a database error', async () => {
    const docId = await newDoc();
    for (const name of ['a\u0000b', 'x\ud800y'])
      expect((await relay.request('POST', '/api/docs', 'user:pat', { name })).status).toBe(400);
    for (const path of [
      `/api/docs/a%00b`,
      `/api/docs/${docId}/members/a%00b`,
      `/api/docs/${docId}/teams/%00`,
    ]) {
      expect((await relay.request('DELETE', path, 'user:pat')).status).toBe(404);
    }
    expect((await relay.request('POST', '/api/invites/accept', 'user:pat', { token: '\u0000' })).status).toBe(
      404,
    );
    expect(
      (
        await relay.request('POST', `/api/docs/${docId}/teams`, 'user:pat', {
          teamId: 'a\u0000',
          role: 'viewer',
        })
      ).status,
    ).toBe(404);
  });

  it('lists team-granted documents and pages the activity feed', async () => {
    const docId = await newDoc();
    const team = await relay.request('POST', '/api/teams', 'user:pat', { name: 'PG team' });
    const teamId = (team.json as { id: string }).id;
    await relay.request('POST', `/api/teams/${teamId}/members`, 'user:pat', {
      email: 'ray@example.com',
      role: 'member',
    });
    await relay.request('POST', `/api/docs/${docId}/teams`, 'user:pat', { teamId, role: 'commenter' });
    const rays = (await relay.request('GET', '/api/docs', 'user:ray')).json as { id: string; role: string }[];
    expect(rays.find((d) => d.id === docId)?.role).toBe('commenter');
    const feed = await relay.request('GET', `/api/docs/${docId}/activity?limit=1`, 'user:ray');
    expect(feed.json).toMatchObject({
      items: [{ kind: 'team-granted', detail: { teamId, role: 'commenter' } }],
      nextBefore: expect.any(Number) as unknown,
    });
  });
});
