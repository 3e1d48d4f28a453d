import { CanvasDoc, mentionToken } from '@facet/engine/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type TestRelay } from './harness.ts';
import { startCluster, type TestCluster } from './cluster.ts';

/**
 * Two relays sharing Postgres and Redis both see every comment (each has the document loaded), and
 * both watch it: the comment id keys the notification, so the mentioned user gets exactly one. Also
 * runs the inbox SQL and the webhook/settings upserts on Postgres.
 */
let cluster: TestCluster;
let relays: TestRelay[];

beforeAll(async () => {
  cluster = await startCluster(2);
  relays = cluster.relays;
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

describe('notifications on two relays sharing Postgres', () => {
  it('one mention, one notification; read marking and settings work on Postgres', async () => {
    const [a, b] = relays as [TestRelay, TestRelay];
    const owner = await a.signUp('pg-owner');
    const member = await a.signUp('pg-member');
    const docId = await a.createDoc(owner.token, 'Shared');
    await a.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: member.email, role: 'editor' },
    });
    const onA = await connectClient(a.wsUrl, docId, owner.token);
    const onB = await connectClient(b.wsUrl, docId, member.token);
    const canvas = new CanvasDoc(onA.doc);
    const block = canvas.add('text', { text: 'x' });
    canvas.addComment({
      blockId: block,
      author: owner.userId,
      text: `${mentionToken('M', member.userId)} look`,
    });
    await onA.settled();
    // Both relays have applied it once the member's client (on B) sees it.
    await expect.poll(() => new CanvasDoc(onB.doc).comments().length).toBe(1);
    await expect
      .poll(
        async () =>
          (
            (await b.api('GET', '/api/notifications', { token: member.token })).body as {
              notifications: { kind: string }[];
            }
          ).notifications.filter((n) => n.kind === 'mention').length,
      )
      .toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    const box = (await a.api('GET', '/api/notifications?unread=1', { token: member.token })).body as {
      notifications: { id: string; kind: string }[];
      unread: number;
    };
    expect(box.notifications.map((n) => n.kind).sort()).toEqual(['mention', 'share']);
    const read = await b.api('POST', '/api/notifications/read', {
      token: member.token,
      json: { ids: [box.notifications[0]!.id] },
    });
    expect(read.body).toEqual({ updated: 1, unread: 1 });
    const off = await a.api('PATCH', '/api/me/notification-settings', {
      token: member.token,
      json: { email: false },
    });
    expect(off.body).toMatchObject({ email: false });
    const hook = await b.api('PUT', `/api/docs/${docId}/webhook`, {
      token: owner.token,
      json: { url: 'http://127.0.0.1:9/x', events: ['comment'] },
    });
    expect(hook.status).toBe(200);
    expect((await a.api('GET', `/api/docs/${docId}/webhook/deliveries`, { token: owner.token })).status).toBe(
      200,
    );
    onA.destroy();
    onB.destroy();
  });
});
