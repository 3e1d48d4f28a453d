import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestRelay, type TestClient, type TestRelay } from './harness.ts';

/**
 * The WebSocket side of the role matrix: who may write canvas content, who connects read-only, who
 * is refused. Read-only clients' edits must reach neither other clients nor the store.
 */

let relay: TestRelay;
type User = Awaited<ReturnType<TestRelay['signUp']>>;
let owner: User;
let docId: string;
let watcher: TestClient;
const members: Record<string, User> = {};

beforeAll(async () => {
  relay = await startTestRelay();
  owner = await relay.signUp('roles-owner');
  docId = await relay.createDoc(owner.token, 'matrix');
  for (const role of ['editor', 'commenter', 'viewer'] as const) {
    members[role] = await relay.signUp(`roles-${role}`);
    const res = await relay.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: members[role].email, role },
    });
    expect(res.status).toBe(201);
  }
  watcher = await relay.connect(docId, owner.token);
});
afterAll(async () => {
  watcher.destroy();
  await relay.stop();
});

async function stored(): Promise<Y.Doc> {
  const log = await relay.docLog.load(docId);
  const doc = new Y.Doc();
  for (const part of [log.snapshot, ...log.updates]) if (part) Y.applyUpdate(doc, part);
  return doc;
}

async function apiKey(user: User, scopes: string[]): Promise<{ id: string; key: string }> {
  const res = await relay.api('POST', '/api/keys', { token: user.token, json: { name: 'k', scopes } });
  expect(res.status).toBe(201);
  return res.body as unknown as { id: string; key: string };
}

async function expectWrites(client: TestClient, label: string): Promise<void> {
  expect(client.provider.authorizedScope).toBe('read-write');
  client.doc.getMap('cells').set(label, label);
  await client.settled();
  await expect.poll(() => watcher.doc.getMap('cells').get(label)).toBe(label);
  expect((await stored()).getMap('cells').get(label)).toBe(label);
}

async function expectReadOnly(client: TestClient, label: string): Promise<void> {
  expect(client.provider.authorizedScope).toBe('readonly');
  // It still reads: a writer's change reaches it.
  watcher.doc.getMap('cells').set(`seen-by-${label}`, 1);
  await expect.poll(() => client.doc.getMap('cells').get(`seen-by-${label}`)).toBe(1);

  client.doc.getMap('cells').set(label, label);
  // Awareness is not content: it goes through, and since one connection's messages are handled in
  // order, once the watcher sees this probe the relay has already dealt with the edit before it.
  client.provider.setAwarenessField('probe', label);
  await expect
    .poll(() => [...watcher.provider.awareness!.getStates().values()].some((s) => s.probe === label))
    .toBe(true);
  // The relay answered "not applied", so the provider still counts the change as unsynced.
  expect(client.provider.hasUnsyncedChanges).toBe(true);
  expect(watcher.doc.getMap('cells').has(label)).toBe(false);
  expect((await stored()).getMap('cells').has(label)).toBe(false);
  // Even a client that reconnects fresh sees no trace of it.
  const fresh = await relay.connect(docId, owner.token);
  expect(fresh.doc.getMap('cells').has(label)).toBe(false);
  fresh.destroy();
}

describe('relay WebSocket roles', () => {
  it('owner and editor write', async () => {
    const a = await relay.connect(docId, owner.token);
    await expectWrites(a, 'by-owner');
    a.destroy();
    const e = await relay.connect(docId, members.editor!.token);
    await expectWrites(e, 'by-editor');
    e.destroy();
  });

  // Commenters connect read-write but may write comments only: test/comments-relay.test.ts.
  it('viewers connect read-only', async () => {
    const v = await relay.connect(docId, members.viewer!.token);
    await expectReadOnly(v, 'by-viewer');
    v.destroy();
  });

  it('an API key with docs:write writes; one with only docs:read is read-only', async () => {
    const writeKey = await apiKey(members.editor!, ['docs:read', 'docs:write']);
    const w = await relay.connect(docId, writeKey.key);
    await expectWrites(w, 'by-write-key');
    w.destroy();
    const readKey = await apiKey(members.editor!, ['docs:read']);
    const r = await relay.connect(docId, readKey.key);
    await expectReadOnly(r, 'by-read-key');
    r.destroy();
    // A key never gets more than its user’s role: a viewer’s docs:write key stays read-only.
    const viewerKey = await apiKey(members.viewer!, ['docs:read', 'docs:write']);
    const vk = await relay.connect(docId, viewerKey.key);
    await expectReadOnly(vk, 'by-viewer-key');
    vk.destroy();
  });

  it('refuses a key without docs scopes, a non-member, garbage and revoked keys', async () => {
    const accountKey = await apiKey(members.editor!, ['account']);
    await expect(relay.connect(docId, accountKey.key)).rejects.toThrow(/forbidden/);
    const stranger = await relay.signUp('roles-stranger');
    await expect(relay.connect(docId, stranger.token)).rejects.toThrow(/forbidden/);
    const strangerKey = await apiKey(stranger, ['docs:read', 'docs:write']);
    await expect(relay.connect(docId, strangerKey.key)).rejects.toThrow(/forbidden/);
    await expect(relay.connect(docId, `${accountKey.key}x`)).rejects.toThrow(/unauthorized/);
    await expect(relay.connect(docId, '')).rejects.toThrow(/unauthorized/);
    const gone = await apiKey(members.editor!, ['docs:read', 'docs:write']);
    expect((await relay.api('DELETE', `/api/keys/${gone.id}`, { token: members.editor!.token })).status).toBe(
      204,
    );
    await expect(relay.connect(docId, gone.key)).rejects.toThrow(/unauthorized/);
  });

  it('refuses an expired access token', async () => {
    const short = await startTestRelay({ accessTokenSeconds: 1 });
    try {
      const user = await short.signUp('roles-expiring');
      const doc = await short.createDoc(user.token);
      // Tokens carry whole seconds: after 1.2 s a 1 s token has expired whatever the rounding.
      await new Promise((r) => setTimeout(r, 1200));
      await expect(short.connect(doc, user.token)).rejects.toThrow(/unauthorized/);
      // A refreshed token works again.
      const res = await short.api('POST', '/api/auth/refresh', { json: { refreshToken: user.refreshToken } });
      expect(res.status).toBe(200);
      const client = await short.connect(doc, (res.body as { accessToken: string }).accessToken);
      client.destroy();
    } finally {
      await short.stop();
    }
  });
});
