import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDocsRelay, type DocsTestRelay } from './docs-harness.ts';

let relay: DocsTestRelay;
let docId: string;
let counter = 0;

interface Invite {
  id: string;
  url: string;
  token: string;
  role: string;
  email: string | null;
  expiresAt: number;
}

beforeAll(async () => {
  relay = await startDocsRelay();
  for (const id of ['owner', 'editor', 'viewer']) await relay.user(id);
});

afterAll(async () => relay.close());

beforeEach(async () => {
  const created = await relay.request('POST', '/api/docs', 'user:owner', { name: `Invites ${++counter}` });
  docId = (created.json as { id: string }).id;
  await relay.request('POST', `/api/docs/${docId}/members`, 'user:owner', {
    email: 'editor@example.com',
    role: 'editor',
  });
  await relay.request('POST', `/api/docs/${docId}/members`, 'user:owner', {
    email: 'viewer@example.com',
    role: 'viewer',
  });
});

async function invite(as: string, body: Record<string, unknown>): Promise<Invite> {
  const created = await relay.request('POST', `/api/docs/${docId}/invites`, as, {
    expiresInHours: 24,
    ...body,
  });
  expect(created.status, created.text).toBe(201);
  return created.json as Invite;
}

async function newUser(): Promise<string> {
  const id = `guest${++counter}`;
  await relay.user(id);
  return id;
}

const accept = (as: string, token: string) => relay.request('POST', '/api/invites/accept', as, { token });
const roleOf = async (userId: string) => relay.docs.roleFor(docId, { userId, via: 'token', scopes: null });

describe('invite links', () => {
  it('creates a link under the public URL with an unguessable token that is stored only hashed', async () => {
    const inv = await invite('user:owner', { role: 'editor' });
    expect(inv.url).toBe(`https://relay.example/invite/${inv.token}`);
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(inv.expiresAt).toBe(relay.clock.now + 24 * 3_600_000);
    const row = await relay.db.get<{ token_hash: string }>('SELECT token_hash FROM invites WHERE id = ?', [
      inv.id,
    ]);
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await relay.db.all('SELECT * FROM invites'))).not.toContain(inv.token);
    const listed = await relay.request('GET', `/api/docs/${docId}/invites`, 'user:owner');
    expect(listed.json).toEqual([
      expect.objectContaining({ id: inv.id, role: 'editor', uses: 0, revokedAt: null }),
    ]);
    expect(listed.text).not.toContain(inv.token);
  });

  it('lets a new user join with the role, once per link use, and emits access-changed', async () => {
    const inv = await invite('user:owner', { role: 'commenter' });
    const guest = await newUser();
    relay.events.length = 0;
    const joined = await accept(`user:${guest}`, inv.token);
    expect(joined.status).toBe(200);
    expect(joined.json).toMatchObject({ id: docId, role: 'commenter' });
    expect(await roleOf(guest)).toBe('commenter');
    expect(relay.events).toEqual([{ name: 'access-changed', docId, userId: guest }]);
    // Accepting again changes nothing and emits nothing.
    expect((await accept(`user:${guest}`, inv.token)).status).toBe(200);
    expect(relay.events).toHaveLength(1);
    const [row] = (await relay.request('GET', `/api/docs/${docId}/invites`, 'user:owner')).json as {
      uses: number;
    }[];
    expect(row?.uses).toBe(2);
  });

  it('never lowers an existing stronger role, but raises a weaker one', async () => {
    const viewerLink = await invite('user:owner', { role: 'viewer' });
    expect((await accept('user:editor', viewerLink.token)).json).toMatchObject({ role: 'editor' });
    expect(await roleOf('editor')).toBe('editor');
    const editorLink = await invite('user:owner', { role: 'editor' });
    expect((await accept('user:viewer', editorLink.token)).json).toMatchObject({ role: 'editor' });
    expect(await roleOf('viewer')).toBe('editor');
  });

  it('refuses an expired link with 410, measured by the injected clock', async () => {
    const inv = await invite('user:owner', { role: 'viewer', expiresInHours: 1 });
    const guest = await newUser();
    const start = relay.clock.now;
    try {
      relay.clock.now = inv.expiresAt;
      const late = await accept(`user:${guest}`, inv.token);
      expect(late.status).toBe(410);
      expect(late.json).toMatchObject({
        error: { code: 'gone', message: expect.stringMatching(/expired/) as unknown },
      });
      relay.clock.now = inv.expiresAt - 1;
      expect((await accept(`user:${guest}`, inv.token)).status).toBe(200);
    } finally {
      relay.clock.now = start;
    }
  });

  it('refuses a revoked link with 410 and records the revocation', async () => {
    const inv = await invite('user:owner', { role: 'viewer' });
    expect(
      (await relay.request('DELETE', `/api/docs/${docId}/invites/${inv.id}`, 'user:editor')).status,
    ).toBe(204);
    const guest = await newUser();
    const refused = await accept(`user:${guest}`, inv.token);
    expect(refused.status).toBe(410);
    expect(refused.json).toMatchObject({ error: { message: expect.stringMatching(/revoked/) as unknown } });
    expect(await roleOf(guest)).toBeNull();
    const feed = await relay.request('GET', `/api/docs/${docId}/activity`, 'user:owner');
    expect((feed.json as { items: { kind: string }[] }).items[0]).toMatchObject({
      kind: 'invite-revoked',
      detail: { inviteId: inv.id },
    });
  });

  it('refuses an unknown token with 404 and a link to a deleted document with 410', async () => {
    expect((await accept('user:viewer', 'not-a-real-token')).status).toBe(404);
    const inv = await invite('user:owner', { role: 'viewer' });
    expect((await relay.request('DELETE', `/api/docs/${docId}`, 'user:owner')).status).toBe(204);
    expect((await accept(`user:${await newUser()}`, inv.token)).status).toBe(410);
  });

  it('binds an invite to an email: only that account (any letter case) may use it', async () => {
    const guest = await newUser();
    const inv = await invite('user:owner', { role: 'editor', email: `${guest.toUpperCase()}@Example.com` });
    expect(inv.email).toBe(`${guest.toUpperCase()}@Example.com`);
    const other = await newUser();
    const refused = await accept(`user:${other}`, inv.token);
    expect(refused.status).toBe(403);
    expect(await roleOf(other)).toBeNull();
    expect((await accept(`user:${guest}`, inv.token)).json).toMatchObject({ role: 'editor' });
  });

  it('caps the role at the inviter’s own, and lets only owners invite owners', async () => {
    const asEditor = await relay.request('POST', `/api/docs/${docId}/invites`, 'user:editor', {
      role: 'owner',
      expiresInHours: 1,
    });
    expect(asEditor.status).toBe(403);
    expect(asEditor.json).toMatchObject({ error: { message: expect.stringMatching(/owners/) as unknown } });
    await invite('user:editor', { role: 'editor' });
    await invite('user:editor', { role: 'viewer' });
    const ownerLink = await invite('user:owner', { role: 'owner' });
    // An editor cannot revoke an owner invite either.
    expect(
      (await relay.request('DELETE', `/api/docs/${docId}/invites/${ownerLink.id}`, 'user:editor')).status,
    ).toBe(403);
    expect(
      (
        await relay.request('POST', `/api/docs/${docId}/invites`, 'user:viewer', {
          role: 'viewer',
          expiresInHours: 1,
        })
      ).status,
    ).toBe(403);
    const guest = await newUser();
    expect((await accept(`user:${guest}`, ownerLink.token)).json).toMatchObject({ role: 'owner' });
  });

  it('does not let an invite id from one document revoke another document’s invite', async () => {
    const inv = await invite('user:owner', { role: 'viewer' });
    const other = await relay.request('POST', '/api/docs', 'user:editor', { name: 'Other' });
    const otherId = (other.json as { id: string }).id;
    expect(
      (await relay.request('DELETE', `/api/docs/${otherId}/invites/${inv.id}`, 'user:editor')).status,
    ).toBe(404);
    expect((await accept(`user:${await newUser()}`, inv.token)).status).toBe(200);
  });

  it('refuses accepting with a read-only API key', async () => {
    const inv = await invite('user:owner', { role: 'viewer' });
    const guest = await newUser();
    expect((await accept(`key:${guest}:docs:read`, inv.token)).status).toBe(403);
    expect((await accept(`key:${guest}:docs:read,docs:write`, inv.token)).status).toBe(200);
  });

  it('records created and accepted invites in the activity feed', async () => {
    const inv = await invite('user:owner', { role: 'viewer' });
    const guest = await newUser();
    await accept(`user:${guest}`, inv.token);
    const feed = await relay.request('GET', `/api/docs/${docId}/activity?limit=2`, 'user:viewer');
    expect((feed.json as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        kind: 'invite-accepted',
        actor: { id: guest, name: guest },
        detail: { inviteId: inv.id, userId: guest, role: 'viewer' },
      }),
      expect.objectContaining({ kind: 'invite-created', actor: { id: 'owner', name: 'owner' } }),
    ]);
  });
});
