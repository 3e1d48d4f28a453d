import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestClient, type TestRelay } from './harness.ts';
import { providerClosed } from './relay-frames.ts';

/**
 * Access taken away while connected: the affected live connections close with a documented code
 * (4410 revoked, 4404 deleted) and nobody else's do.
 */

let relay: TestRelay;
type User = Awaited<ReturnType<TestRelay['signUp']>>;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.stop();
});

async function addMember(docId: string, by: User, who: User, role: string): Promise<void> {
  const res = await relay.api('POST', `/api/docs/${docId}/members`, {
    token: by.token,
    json: { email: who.email, role },
  });
  expect(res.status).toBe(201);
}

/** Proves `client` is still live: an edit from `writer` reaches it. */
async function stillLive(client: TestClient, writer: TestClient, label: string): Promise<void> {
  writer.doc.getMap('m').set(label, 1);
  await expect.poll(() => client.doc.getMap('m').get(label)).toBe(1);
}

/** Stops the provider's automatic reconnect so a closed client stays closed. */
function closeAndStop(client: TestClient) {
  const closed = providerClosed(client.socket);
  return closed.finally(() => client.destroy());
}

describe('relay revocation of live connections', () => {
  it('logout closes that session’s connections with 4410 and only those', async () => {
    const owner = await relay.signUp('rev-logout');
    const docId = await relay.createDoc(owner.token);
    const login = await relay.api('POST', '/api/auth/login', {
      json: { email: owner.email, password: 'correct horse battery staple' },
    });
    expect(login.status).toBe(200);
    const other = (login.body as { accessToken: string }).accessToken;
    const a = await relay.connect(docId, owner.token);
    const b = await relay.connect(docId, other);
    const closed = closeAndStop(a);
    expect((await relay.api('POST', '/api/auth/logout', { token: owner.token })).status).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'access-revoked' });
    await expect(relay.connect(docId, owner.token)).rejects.toThrow(/unauthorized/);
    const c = await relay.connect(docId, other);
    await stillLive(b, c, 'after-logout');
    b.destroy();
    c.destroy();
  });

  it('deleting an API key closes its connections with 4410', async () => {
    const owner = await relay.signUp('rev-key');
    const docId = await relay.createDoc(owner.token);
    const res = await relay.api('POST', '/api/keys', {
      token: owner.token,
      json: { name: 'bot', scopes: ['docs:read', 'docs:write'] },
    });
    const key = res.body as unknown as { id: string; key: string };
    const bot = await relay.connect(docId, key.key);
    const person = await relay.connect(docId, owner.token);
    const closed = closeAndStop(bot);
    expect((await relay.api('DELETE', `/api/keys/${key.id}`, { token: owner.token })).status).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'access-revoked' });
    const writer = await relay.connect(docId, owner.token);
    await stillLive(person, writer, 'after-key');
    person.destroy();
    writer.destroy();
  });

  it('removing a member closes theirs with 4410 while other members stay connected', async () => {
    const owner = await relay.signUp('rev-owner');
    const editor = await relay.signUp('rev-editor');
    const viewer = await relay.signUp('rev-viewer');
    const docId = await relay.createDoc(owner.token);
    await addMember(docId, owner, editor, 'editor');
    await addMember(docId, owner, viewer, 'viewer');
    const o = await relay.connect(docId, owner.token);
    const e1 = await relay.connect(docId, editor.token);
    const e2 = await relay.connect(docId, editor.token);
    const v = await relay.connect(docId, viewer.token);
    const closed = Promise.all([closeAndStop(e1), closeAndStop(e2)]);
    const res = await relay.api('DELETE', `/api/docs/${docId}/members/${editor.userId}`, {
      token: owner.token,
    });
    expect(res.status).toBe(204);
    expect(await closed).toEqual([
      { code: 4410, reason: 'access-revoked' },
      { code: 4410, reason: 'access-revoked' },
    ]);
    await stillLive(v, o, 'after-removal');
    await expect(relay.connect(docId, editor.token)).rejects.toThrow(/forbidden/);
    o.destroy();
    v.destroy();
  });

  it('lowering a member from editor to viewer closes with 4410 and a reconnect is read-only', async () => {
    const owner = await relay.signUp('low-owner');
    const editor = await relay.signUp('low-editor');
    const docId = await relay.createDoc(owner.token);
    await addMember(docId, owner, editor, 'editor');
    const o = await relay.connect(docId, owner.token);
    const e = await relay.connect(docId, editor.token);
    expect(e.provider.authorizedScope).toBe('read-write');
    const closed = closeAndStop(e);
    const res = await relay.api('PATCH', `/api/docs/${docId}/members/${editor.userId}`, {
      token: owner.token,
      json: { role: 'viewer' },
    });
    expect(res.status).toBe(200);
    expect(await closed).toEqual({ code: 4410, reason: 'access-revoked' });
    const again = await relay.connect(docId, editor.token);
    expect(again.provider.authorizedScope).toBe('readonly');
    await stillLive(again, o, 'after-lowering');
    // And back up: raising the role also closes, so the reconnect gets write access.
    const raised = closeAndStop(again);
    await relay.api('PATCH', `/api/docs/${docId}/members/${editor.userId}`, {
      token: owner.token,
      json: { role: 'editor' },
    });
    expect((await raised).code).toBe(4410);
    const up = await relay.connect(docId, editor.token);
    expect(up.provider.authorizedScope).toBe('read-write');
    up.destroy();
    o.destroy();
  });

  it('deleting the document closes its connections with 4404 and drops its stored content', async () => {
    const owner = await relay.signUp('del-owner');
    const viewer = await relay.signUp('del-viewer');
    const docId = await relay.createDoc(owner.token);
    const keep = await relay.createDoc(owner.token, 'kept');
    await addMember(docId, owner, viewer, 'viewer');
    const o = await relay.connect(docId, owner.token);
    const v = await relay.connect(docId, viewer.token);
    const k = await relay.connect(keep, owner.token);
    o.doc.getText('t').insert(0, 'to be deleted');
    await o.settled();
    const closed = Promise.all([closeAndStop(o), closeAndStop(v)]);
    expect((await relay.api('DELETE', `/api/docs/${docId}`, { token: owner.token })).status).toBe(204);
    expect((await closed).map((c) => c.code)).toEqual([4404, 4404]);
    await expect(relay.connect(docId, owner.token)).rejects.toThrow(/forbidden/);
    // The other document is untouched and live.
    k.doc.getText('t').insert(0, 'still here');
    await k.settled();
    // Once Hocuspocus has unloaded the deleted document, nothing of it is left in the store (its
    // debounced store must not write the content back after the delete).
    await expect.poll(() => relay.hocuspocus.documents.has(docId), { timeout: 5000 }).toBe(false);
    await new Promise((r) => setTimeout(r, relay.config.compactMaxDebounceMs));
    expect(await relay.docLog.load(docId)).toEqual({ snapshot: null, updates: [], bytes: 0 });
    k.destroy();
  });
});
