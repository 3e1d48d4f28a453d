import { CanvasDoc, mentionToken } from '@facet/engine/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';

/**
 * The in-app inbox on a real relay: mentions and replies produced by watching live documents, shares
 * from the members API, versions and failures from other modules, live pushes, read marking, and
 * hostile input on every endpoint.
 */

let relay: TestRelay;
type User = Awaited<ReturnType<TestRelay['signUp']>>;
let owner: User;
let editor: User;
let commenter: User;
let outsider: User;
let docId: string;

type Inbox = {
  notifications: {
    id: string;
    kind: string;
    title: string;
    body: string;
    actorId: string;
    data: Record<string, unknown>;
  }[];
  unread: number;
};

async function inbox(user: User, query = ''): Promise<Inbox> {
  const res = await relay.api('GET', `/api/notifications${query}`, { token: user.token });
  expect(res.status).toBe(200);
  return res.body as unknown as Inbox;
}

async function addMember(who: User, role: string): Promise<void> {
  const res = await relay.api('POST', `/api/docs/${docId}/members`, {
    token: owner.token,
    json: { email: who.email, role },
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  relay = await startTestRelay();
  owner = await relay.signUp('Olga');
  editor = await relay.signUp('Eddie');
  commenter = await relay.signUp('Cleo');
  outsider = await relay.signUp('Otto');
  docId = await relay.createDoc(owner.token, 'Q3 plan');
  await addMember(editor, 'editor');
  await addMember(commenter, 'commenter');
});
afterAll(async () => {
  await relay.stop();
});

describe('notifications', () => {
  it('a share notifies the new member once, naming who shared', async () => {
    // The share is written by the access event's listener, just after the member API answered.
    await expect.poll(async () => (await inbox(editor, '?unread=1')).notifications.length).toBe(1);
    const shares = (await inbox(editor)).notifications.filter((n) => n.kind === 'share');
    expect(shares).toHaveLength(1);
    expect(shares[0]).toMatchObject({ title: 'Olga shared “Q3 plan” with you', actorId: owner.userId });
    // A role change is not a new share.
    await relay.api('PATCH', `/api/docs/${docId}/members/${editor.userId}`, {
      token: owner.token,
      json: { role: 'viewer' },
    });
    await relay.api('PATCH', `/api/docs/${docId}/members/${editor.userId}`, {
      token: owner.token,
      json: { role: 'editor' },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await inbox(editor)).notifications.filter((n) => n.kind === 'share')).toHaveLength(1);
    expect((await inbox(owner)).notifications).toHaveLength(0);
  });

  it('mentions and replies from live comments, pushed to open connections; never the author or outsiders', async () => {
    const ownerClient = await relay.connect(docId, owner.token);
    const editorClient = await relay.connect(docId, editor.token);
    const pushed: { type: string; notification: { kind: string }; unread: number }[] = [];
    editorClient.provider.on('stateless', ({ payload }: { payload: string }) =>
      pushed.push(JSON.parse(payload)),
    );
    const canvas = new CanvasDoc(ownerClient.doc);
    const block = canvas.add('text', { text: 'Targets' });
    const text = `${mentionToken('Eddie', editor.userId)} can you check? ${mentionToken('Otto', outsider.userId)} ${mentionToken('Olga', owner.userId)}`;
    const thread = canvas.commentStore.add({ blockId: block }, owner.userId, text);
    await ownerClient.settled();
    await expect
      .poll(async () => (await inbox(editor, '?unread=1')).notifications.some((n) => n.kind === 'mention'))
      .toBe(true);
    const mention = (await inbox(editor)).notifications.find((n) => n.kind === 'mention')!;
    expect(mention).toMatchObject({
      title: 'Olga mentioned you in “Q3 plan”',
      body: '@Eddie can you check? @Otto @Olga',
      data: { commentId: thread, threadId: thread, blockId: block },
    });
    await expect
      .poll(() => pushed.some((p) => p.type === 'facet:notification' && p.notification.kind === 'mention'))
      .toBe(true);
    expect((await inbox(outsider)).notifications).toHaveLength(0);
    expect((await inbox(owner)).notifications).toHaveLength(0);

    // A commenter replies: the thread's author hears about it.
    const c = await relay.connect(docId, commenter.token);
    new CanvasDoc(c.doc).commentStore.reply(thread, commenter.userId, 'On it ✅');
    await c.settled();
    await expect.poll(async () => (await inbox(owner)).notifications.map((n) => n.kind)).toEqual(['reply']);
    expect((await inbox(owner)).notifications[0]).toMatchObject({
      title: 'Cleo replied in “Q3 plan”',
      body: 'On it ✅',
    });
    // An edit that adds no new mention notifies no one again.
    canvas.commentStore.edit(thread, owner.userId, `${text} (edited)`);
    await ownerClient.settled();
    await new Promise((r) => setTimeout(r, 150));
    expect((await inbox(editor)).notifications.filter((n) => n.kind === 'mention')).toHaveLength(1);
    c.destroy();
    editorClient.destroy();
    ownerClient.destroy();
  });

  it('versions and failures come from other modules through the notifier, deduplicated', async () => {
    await relay.notifier.versionSaved(docId, { id: 'v-1', name: 'Before launch', actorId: owner.userId });
    await relay.notifier.versionSaved(docId, { id: 'v-1', name: 'Before launch', actorId: owner.userId });
    for (const user of [editor, commenter])
      expect((await inbox(user)).notifications.filter((n) => n.kind === 'version')).toHaveLength(1);
    expect((await inbox(owner)).notifications.some((n) => n.kind === 'version')).toBe(false);
    const created = await relay.notifier.notify({
      kind: 'failure',
      userIds: [owner.userId],
      title: 'Import failed',
      body: 'sales.csv: bad row 12',
    });
    expect(created).toHaveLength(1);
    expect((await inbox(owner, '?unread=true')).notifications.map((n) => n.kind)).toContain('failure');
  });

  it('marks read by id (own ids only) or all, and pages', async () => {
    const mine = await inbox(editor, '?unread=1');
    expect(mine.unread).toBe(mine.notifications.length);
    const ownerIds = (await inbox(owner)).notifications.map((n) => n.id);
    const res = await relay.api('POST', '/api/notifications/read', {
      token: editor.token,
      json: { ids: [mine.notifications[0]!.id, ...ownerIds] },
    });
    expect(res.body).toEqual({ updated: 1, unread: mine.unread - 1 });
    expect((await inbox(owner)).unread).toBe(ownerIds.length);
    const page = await inbox(editor, '?limit=1');
    expect(page.notifications).toHaveLength(1);
    const older = await inbox(
      editor,
      `?limit=50&before=${(page.notifications[0] as unknown as { createdAt: number }).createdAt}`,
    );
    expect(older.notifications.every((n) => n.id !== page.notifications[0]!.id)).toBe(true);
    const all = await relay.api('POST', '/api/notifications/read', {
      token: editor.token,
      json: { all: true },
    });
    expect(all.body).toMatchObject({ unread: 0 });
    expect((await inbox(editor, '?unread=1')).notifications).toHaveLength(0);
  });

  it('answers hostile input with 4xx, never 500', async () => {
    const t = editor.token;
    const cases: [string, string, unknown, string?][] = [
      ['GET', '/api/notifications?unread=maybe', undefined],
      ['GET', '/api/notifications?limit=-1', undefined],
      ['GET', '/api/notifications?limit=1e9', undefined],
      ['GET', '/api/notifications?before=%00', undefined],
      ['POST', '/api/notifications/read', { ids: [] }],
      ['POST', '/api/notifications/read', { ids: ['a\u0000b'] }],
      ['POST', '/api/notifications/read', { ids: ['x'.repeat(129)] }],
      ['POST', '/api/notifications/read', { ids: Array.from({ length: 501 }, (_, i) => `id${i}`) }],
      ['POST', '/api/notifications/read', { all: false }],
      ['POST', '/api/notifications/read', { all: 'yes' }],
      ['POST', '/api/notifications/read', { ids: [1, 2] }],
      ['POST', '/api/notifications/read', { ids: ['ok'], all: true }],
      ['POST', '/api/notifications/read', 'just a string'],
      ['PATCH', '/api/me/notification-settings', { email: 'no' }],
      ['PATCH', '/api/me/notification-settings', { email: false, extra: 1 }],
      ['PATCH', '/api/me/notification-settings', null],
      ['GET', '/api/notifications', undefined, ''],
      ['PATCH', '/api/me/notification-settings', { email: true }, 'not-a-token'],
    ];
    for (const [method, path, json, token] of cases) {
      const res = await relay.api(method, path, {
        token: token ?? t,
        ...(json !== undefined ? { json } : {}),
      });
      expect(res.status, `${method} ${path} ${JSON.stringify(json)?.slice(0, 60)}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(res.status).toBeLessThan(500);
    }
    const ok = await relay.api('POST', '/api/notifications/read', {
      token: t,
      json: { ids: ['🦄', 'nope'] },
    });
    expect(ok.status).toBe(400);
    const huge = await relay.api('POST', '/api/notifications/read', {
      token: t,
      json: { ids: ['a'.repeat(2_000_000)] },
    });
    expect([400, 413]).toContain(huge.status);
    const settings = await relay.api('PATCH', '/api/me/notification-settings', {
      token: t,
      json: { email: false },
    });
    expect(settings.body).toEqual({ email: false, emailAvailable: false });
  });
});
