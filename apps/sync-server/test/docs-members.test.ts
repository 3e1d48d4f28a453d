import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDocsRelay, type DocsTestRelay } from './docs-harness.ts';

let relay: DocsTestRelay;
let docId: string;
let n = 0;

beforeAll(async () => {
  relay = await startDocsRelay();
  for (const id of ['alice', 'bob', 'carol', 'dave'])
    await relay.user(id, `${id}@example.com`, id[0]!.toUpperCase() + id.slice(1));
});

afterAll(async () => relay.close());

beforeEach(async () => {
  const created = await relay.request('POST', '/api/docs', 'user:alice', { name: `Doc ${++n}` });
  docId = (created.json as { id: string }).id;
  relay.events.length = 0;
});

const add = (as: string, email: string, role: string) =>
  relay.request('POST', `/api/docs/${docId}/members`, as, { email, role });
const patch = (as: string, userId: string, role: string) =>
  relay.request('PATCH', `/api/docs/${docId}/members/${userId}`, as, { role });
const remove = (as: string, userId: string) =>
  relay.request('DELETE', `/api/docs/${docId}/members/${userId}`, as);
const members = async () =>
  (
    (await relay.request('GET', `/api/docs/${docId}/members`, 'user:alice')).json as {
      userId: string;
      role: string;
    }[]
  ).map((m) => [m.userId, m.role]);
const kinds = async () =>
  (
    (await relay.request('GET', `/api/docs/${docId}/activity`, 'user:alice')).json as {
      items: { kind: string }[];
    }
  ).items.map((i) => i.kind);

describe('documents', () => {
  it('creates a document with a random id and its creator as owner', async () => {
    const created = await relay.request('POST', '/api/docs', 'user:bob', { name: 'Mine' });
    expect(created.json).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/) as unknown,
      name: 'Mine',
      role: 'owner',
      createdAt: relay.clock.now,
      updatedAt: relay.clock.now,
      owner: { id: 'bob', name: 'Bob', email: 'bob@example.com' },
    });
    const other = await relay.request('POST', '/api/docs', 'user:bob', { name: 'Mine' });
    expect((other.json as { id: string }).id).not.toBe((created.json as { id: string }).id);
  });

  it('hides a document from non-members exactly as if it did not exist', async () => {
    const hidden = await relay.request('GET', `/api/docs/${docId}`, 'user:bob');
    const missing = await relay.request('GET', '/api/docs/AAAAAAAAAAAAAAAAAAAAAAAA', 'user:bob');
    expect(hidden.status).toBe(404);
    expect(hidden.json).toEqual(missing.json);
  });

  it('lists readable documents with the caller’s role, direct or through a team', async () => {
    await add('user:alice', 'bob@example.com', 'commenter');
    const team = await relay.request('POST', '/api/teams', 'user:alice', { name: 'Crew' });
    const teamId = (team.json as { id: string }).id;
    await relay.request('POST', `/api/teams/${teamId}/members`, 'user:alice', {
      email: 'bob@example.com',
      role: 'member',
    });
    await relay.request('POST', `/api/teams/${teamId}/members`, 'user:alice', {
      email: 'carol@example.com',
      role: 'member',
    });
    relay.clock.now += 1000;
    const second = await relay.request('POST', '/api/docs', 'user:alice', { name: 'Team doc' });
    const secondId = (second.json as { id: string }).id;
    expect(
      (await relay.request('POST', `/api/docs/${secondId}/teams`, 'user:alice', { teamId, role: 'editor' }))
        .status,
    ).toBe(200);
    const bobs = (await relay.request('GET', '/api/docs', 'user:bob')).json as { id: string; role: string }[];
    // Newest first; bob's own documents from another test are left out of the comparison.
    const shared = bobs.filter((d) => d.id === docId || d.id === secondId);
    expect(shared.map((d) => [d.id, d.role])).toEqual([
      [secondId, 'editor'],
      [docId, 'commenter'],
    ]);
    // A team grant stronger than the direct role wins.
    await relay.request('POST', `/api/docs/${docId}/teams`, 'user:alice', { teamId, role: 'editor' });
    expect(await relay.docs.roleFor(docId, { userId: 'bob', via: 'token', scopes: null })).toBe('editor');
    const carols = (await relay.request('GET', '/api/docs', 'user:carol')).json as {
      id: string;
      role: string;
    }[];
    expect(carols.map((d) => d.role)).toEqual(['editor', 'editor']);
    expect((await relay.request('GET', '/api/docs', 'user:dave')).json).toEqual([]);
  });

  it('renames (recording from and to) and soft-deletes, emitting doc-deleted and calling onDelete', async () => {
    await add('user:alice', 'bob@example.com', 'editor');
    relay.clock.now += 5000;
    const renamed = await relay.request('PATCH', `/api/docs/${docId}`, 'user:bob', { name: 'Renamed' });
    expect(renamed.json).toMatchObject({ name: 'Renamed', role: 'editor', updatedAt: relay.clock.now });
    expect((await relay.request('DELETE', `/api/docs/${docId}`, 'user:bob')).status).toBe(403);
    relay.events.length = 0;
    expect((await relay.request('DELETE', `/api/docs/${docId}`, 'user:alice')).status).toBe(204);
    expect(relay.events).toEqual([{ name: 'doc-deleted', docId }]);
    expect(relay.deleted).toContain(docId);
    for (const as of ['user:alice', 'user:bob'])
      expect((await relay.request('GET', `/api/docs/${docId}`, as)).status).toBe(404);
    expect(await relay.docs.roleFor(docId, { userId: 'alice', via: 'token', scopes: null })).toBeNull();
    expect(
      ((await relay.request('GET', '/api/docs', 'user:alice')).json as { id: string }[]).map((d) => d.id),
    ).not.toContain(docId);
    const rows = await relay.db.all<{ kind: string; detail: string }>(
      'SELECT kind, detail FROM activity WHERE doc_id = ? ORDER BY id',
      [docId],
    );
    expect(rows.map((r) => r.kind)).toEqual(['doc-created', 'member-added', 'doc-renamed', 'doc-deleted']);
    expect(JSON.parse(rows[2]!.detail)).toEqual({ from: `Doc ${n}`, to: 'Renamed' });
  });
});

describe('members', () => {
  it('adds, changes and removes members, emitting access-changed and recording each change', async () => {
    const added = await add('user:alice', 'BOB@example.com', 'viewer');
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      userId: 'bob',
      name: 'Bob',
      email: 'bob@example.com',
      role: 'viewer',
      addedBy: 'alice',
    });
    expect((await patch('user:alice', 'bob', 'editor')).json).toMatchObject({
      userId: 'bob',
      role: 'editor',
    });
    expect((await remove('user:alice', 'bob')).status).toBe(204);
    expect(relay.events).toEqual([1, 2, 3].map(() => ({ name: 'access-changed', docId, userId: 'bob' })));
    expect(await kinds()).toEqual(['member-removed', 'member-changed', 'member-added', 'doc-created']);
    expect(await members()).toEqual([['alice', 'owner']]);
  });

  it('answers an email without an account with 404 suggesting an invite link, and a duplicate with 409', async () => {
    const missing = await add('user:alice', 'nobody@example.com', 'viewer');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({
      error: { message: expect.stringMatching(/invite link/) as unknown },
    });
    await add('user:alice', 'bob@example.com', 'viewer');
    expect((await add('user:alice', 'bob@example.com', 'editor')).status).toBe(409);
  });

  it('lets editors share up to their own role but never touch owners', async () => {
    await add('user:alice', 'bob@example.com', 'editor');
    expect((await add('user:bob', 'carol@example.com', 'owner')).status).toBe(403);
    expect((await add('user:bob', 'carol@example.com', 'editor')).status).toBe(201);
    expect((await patch('user:bob', 'carol', 'viewer')).status).toBe(200);
    expect((await patch('user:bob', 'alice', 'viewer')).status).toBe(403);
    expect((await remove('user:bob', 'alice')).status).toBe(403);
    expect((await patch('user:bob', 'bob', 'owner')).status).toBe(403);
    expect((await remove('user:bob', 'carol')).status).toBe(204);
    expect(await members()).toEqual([
      ['alice', 'owner'],
      ['bob', 'editor'],
    ]);
  });

  it('lets any member leave, and answers unknown members with 404', async () => {
    await add('user:alice', 'carol@example.com', 'viewer');
    expect((await remove('user:carol', 'alice')).status).toBe(403);
    expect((await remove('user:carol', 'carol')).status).toBe(204);
    expect((await relay.request('GET', `/api/docs/${docId}`, 'user:carol')).status).toBe(404);
    expect((await patch('user:alice', 'dave', 'viewer')).status).toBe(404);
    expect((await remove('user:alice', 'dave')).status).toBe(404);
  });

  it('protects the last owner from removal and demotion with 409', async () => {
    const demote = await patch('user:alice', 'alice', 'editor');
    expect(demote.status).toBe(409);
    expect(demote.json).toMatchObject({ error: { code: 'conflict' } });
    expect((await remove('user:alice', 'alice')).status).toBe(409);
    expect(await members()).toEqual([['alice', 'owner']]);
    expect(relay.events).toEqual([]);
  });

  it('transfers ownership: make someone owner, then step down', async () => {
    await add('user:alice', 'bob@example.com', 'owner');
    expect((await patch('user:alice', 'alice', 'editor')).status).toBe(200);
    const doc = await relay.request('GET', `/api/docs/${docId}`, 'user:alice');
    expect(doc.json).toMatchObject({ role: 'editor', owner: { id: 'bob' } });
    // Now bob is the last owner.
    expect((await remove('user:bob', 'bob')).status).toBe(409);
    expect((await relay.request('DELETE', `/api/docs/${docId}`, 'user:alice')).status).toBe(403);
  });

  it('lets two owners step down at the same time only as far as one owner', async () => {
    await add('user:alice', 'bob@example.com', 'owner');
    const answers = await Promise.all([
      patch('user:alice', 'alice', 'viewer'),
      patch('user:bob', 'bob', 'viewer'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await members()).filter(([, role]) => role === 'owner')).toHaveLength(1);
  });
});

describe('activity', () => {
  it('pages newest first with limit and before', async () => {
    for (const name of ['a', 'b', 'c', 'd'])
      await relay.request('PATCH', `/api/docs/${docId}`, 'user:alice', { name });
    await relay.docs.recordActivity(docId, null, 'version-saved', { version: 3 });
    const first = (await relay.request('GET', `/api/docs/${docId}/activity?limit=2`, 'user:alice')).json as {
      items: { id: number; kind: string; actor: unknown; detail: unknown }[];
      nextBefore: number | null;
    };
    expect(first.items.map((i) => i.kind)).toEqual(['version-saved', 'doc-renamed']);
    expect(first.items[0]).toMatchObject({ actor: null, detail: { version: 3 } });
    const second = (
      await relay.request(
        'GET',
        `/api/docs/${docId}/activity?limit=10&before=${first.nextBefore}`,
        'user:alice',
      )
    ).json as {
      items: { detail: { to?: string } }[];
      nextBefore: number | null;
    };
    expect(second.items.map((i) => i.detail.to ?? null)).toEqual(['c', 'b', 'a', null]);
    expect(second.nextBefore).toBeNull();
  });
});
