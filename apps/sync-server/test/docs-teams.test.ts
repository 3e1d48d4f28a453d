import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDocsRelay, type DocsTestRelay } from './docs-harness.ts';

let relay: DocsTestRelay;
let teamId: string;
let docId: string;
let n = 0;

beforeAll(async () => {
  relay = await startDocsRelay();
  for (const id of ['tina', 'uma', 'vic', 'walt']) await relay.user(id);
});

afterAll(async () => relay.close());

beforeEach(async () => {
  const team = await relay.request('POST', '/api/teams', 'user:tina', { name: `Team ${++n}` });
  expect(team.status).toBe(201);
  teamId = (team.json as { id: string }).id;
  const doc = await relay.request('POST', '/api/docs', 'user:tina', { name: `Doc ${n}` });
  docId = (doc.json as { id: string }).id;
  relay.events.length = 0;
});

const addToTeam = (as: string, email: string, role: 'owner' | 'member') =>
  relay.request('POST', `/api/teams/${teamId}/members`, as, { email, role });
const leaveTeam = (as: string, userId: string) =>
  relay.request('DELETE', `/api/teams/${teamId}/members/${userId}`, as);
const grant = (as: string, role: string) =>
  relay.request('POST', `/api/docs/${docId}/teams`, as, { teamId, role });
const roleOf = (userId: string) => relay.docs.roleFor(docId, { userId, via: 'token', scopes: null });

describe('teams', () => {
  it('creates a team with its creator as owner and shows it only to its members', async () => {
    const mine = (await relay.request('GET', '/api/teams', 'user:tina')).json as {
      id: string;
      role: string;
      members: unknown[];
    }[];
    expect(mine.find((t) => t.id === teamId)).toEqual({
      id: teamId,
      name: `Team ${n}`,
      role: 'owner',
      createdAt: relay.clock.now,
      members: [{ userId: 'tina', name: 'tina', email: 'tina@example.com', role: 'owner' }],
    });
    expect((await relay.request('GET', '/api/teams', 'user:walt')).json).toEqual([]);
    expect((await addToTeam('user:walt', 'walt@example.com', 'owner')).status).toBe(404);
  });

  it('lets only team owners add people; members may leave; the last owner may not', async () => {
    expect((await addToTeam('user:tina', 'uma@example.com', 'member')).status).toBe(200);
    expect((await addToTeam('user:uma', 'vic@example.com', 'member')).status).toBe(403);
    expect((await addToTeam('user:tina', 'nobody@example.com', 'member')).status).toBe(404);
    expect((await leaveTeam('user:uma', 'tina')).status).toBe(403);
    expect((await leaveTeam('user:tina', 'tina')).status).toBe(409);
    expect((await addToTeam('user:tina', 'tina@example.com', 'member')).status).toBe(409);
    expect((await leaveTeam('user:uma', 'uma')).status).toBe(204);
    expect((await leaveTeam('user:tina', 'uma')).status).toBe(404);
    // With a second owner the first may step down.
    await addToTeam('user:tina', 'vic@example.com', 'owner');
    const view = await addToTeam('user:tina', 'tina@example.com', 'member');
    expect(view.json).toMatchObject({ role: 'member' });
  });

  it('grants a team a role on a document, giving its members access, and removes it again', async () => {
    await addToTeam('user:tina', 'uma@example.com', 'member');
    await addToTeam('user:tina', 'vic@example.com', 'member');
    expect(await roleOf('uma')).toBeNull();
    const granted = await grant('user:tina', 'commenter');
    expect(granted.json).toEqual({ teamId, name: `Team ${n}`, role: 'commenter' });
    expect(await roleOf('uma')).toBe('commenter');
    expect(relay.events).toEqual(
      expect.arrayContaining(
        ['tina', 'uma', 'vic'].map((userId) => ({ name: 'access-changed', docId, userId })),
      ),
    );
    expect((await relay.request('GET', `/api/docs/${docId}/teams`, 'user:vic')).json).toEqual([granted.json]);
    // A team member with only the team's commenter role cannot change the grant.
    expect((await relay.request('DELETE', `/api/docs/${docId}/teams/${teamId}`, 'user:uma')).status).toBe(
      403,
    );
    relay.events.length = 0;
    expect((await relay.request('DELETE', `/api/docs/${docId}/teams/${teamId}`, 'user:tina')).status).toBe(
      204,
    );
    expect(await roleOf('uma')).toBeNull();
    expect(relay.events).toHaveLength(3);
    const feed = (await relay.request('GET', `/api/docs/${docId}/activity`, 'user:tina')).json as {
      items: { kind: string }[];
    };
    expect(feed.items.map((i) => i.kind)).toEqual(['team-removed', 'team-granted', 'doc-created']);
  });

  it('emits access-changed on every granted document when team membership changes', async () => {
    await grant('user:tina', 'viewer');
    const other = await relay.request('POST', '/api/docs', 'user:tina', { name: 'Other' });
    const otherId = (other.json as { id: string }).id;
    await relay.request('POST', `/api/docs/${otherId}/teams`, 'user:tina', { teamId, role: 'editor' });
    relay.events.length = 0;
    await addToTeam('user:tina', 'walt@example.com', 'member');
    expect(relay.events).toEqual(
      expect.arrayContaining(
        [docId, otherId].map((d) => ({ name: 'access-changed', docId: d, userId: 'walt' })),
      ),
    );
    expect(await roleOf('walt')).toBe('viewer');
    relay.events.length = 0;
    await leaveTeam('user:tina', 'walt');
    expect(relay.events).toHaveLength(2);
    expect(await roleOf('walt')).toBeNull();
  });

  it('refuses granting a team the caller is not in (404) or a role above the caller’s (403)', async () => {
    const foreign = await relay.request('POST', '/api/teams', 'user:walt', { name: 'Foreign' });
    const foreignId = (foreign.json as { id: string }).id;
    expect(
      (
        await relay.request('POST', `/api/docs/${docId}/teams`, 'user:tina', {
          teamId: foreignId,
          role: 'viewer',
        })
      ).status,
    ).toBe(404);
    await relay.request('POST', `/api/docs/${docId}/members`, 'user:tina', {
      email: 'uma@example.com',
      role: 'editor',
    });
    await addToTeam('user:tina', 'uma@example.com', 'member');
    expect((await grant('user:uma', 'editor')).status).toBe(200);
    await relay.request('PATCH', `/api/docs/${docId}/members/uma`, 'user:tina', { role: 'commenter' });
    // uma is now an editor only through the team, so she may still manage members.
    expect(await roleOf('uma')).toBe('editor');
    expect((await grant('user:uma', 'viewer')).status).toBe(200);
    // Now only a commenter: no more sharing.
    expect(await roleOf('uma')).toBe('commenter');
    expect((await grant('user:uma', 'editor')).status).toBe(403);
  });
});
