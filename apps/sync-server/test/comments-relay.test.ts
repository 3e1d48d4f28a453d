import { CanvasDoc } from '@facet/engine/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestRelay, type TestClient, type TestRelay } from './harness.ts';
import { providerClosed } from './relay-frames.ts';

/**
 * Commenters on the real relay with real providers: they write comments (which reach others and the
 * store) and nothing else; anything else closes their socket with 4406 and changes nothing.
 */

let relay: TestRelay;
type User = Awaited<ReturnType<TestRelay['signUp']>>;
let owner: User;
let commenter: User;
let viewer: User;
let docId: string;
let blockId: string;
let ownerClient: TestClient;
let ownerCanvas: CanvasDoc;

async function addMember(who: User, role: string): Promise<void> {
  const res = await relay.api('POST', `/api/docs/${docId}/members`, {
    token: owner.token,
    json: { email: who.email, role },
  });
  expect(res.status).toBe(201);
}

async function stored(): Promise<CanvasDoc> {
  const log = await relay.docLog.load(docId);
  const doc = new Y.Doc();
  for (const part of [log.snapshot, ...log.updates]) if (part) Y.applyUpdate(doc, part);
  return new CanvasDoc(doc);
}

/** A commenter's canvas, wrapped only after the first sync (the wrapper's migration would be a write). */
async function commenterCanvas(user = commenter): Promise<{ client: TestClient; canvas: CanvasDoc }> {
  const client = await relay.connect(docId, user.token);
  return { client, canvas: new CanvasDoc(client.doc) };
}

beforeAll(async () => {
  relay = await startTestRelay();
  owner = await relay.signUp('cm-owner');
  commenter = await relay.signUp('cm-commenter');
  viewer = await relay.signUp('cm-viewer');
  docId = await relay.createDoc(owner.token, 'Comments');
  await addMember(commenter, 'commenter');
  await addMember(viewer, 'viewer');
  ownerClient = await relay.connect(docId, owner.token);
  ownerCanvas = new CanvasDoc(ownerClient.doc);
  blockId = ownerCanvas.add('chart', { source: 'sales', spec: { mark: 'bar' } });
  await ownerClient.settled();
});
afterAll(async () => {
  ownerClient.destroy();
  await relay.stop();
});

describe('commenters on the relay', () => {
  it('connect read-write and their comments reach others and the store', async () => {
    const { client, canvas } = await commenterCanvas();
    expect(client.provider.authorizedScope).toBe('read-write');
    const thread = canvas.commentStore.add(
      { blockId, point: { series: 'revenue', x: '2024-03' } },
      commenter.userId,
      'Why the spike? 🤔',
    );
    canvas.commentStore.react(thread, commenter.userId, '👀');
    await client.settled();
    await expect
      .poll(() => ownerCanvas.commentStore.thread(thread)?.comments[0]?.text)
      .toBe('Why the spike? 🤔');
    ownerCanvas.commentStore.reply(thread, owner.userId, 'Promo month');
    await ownerClient.settled();
    await expect.poll(() => canvas.commentStore.thread(thread)?.comments.length).toBe(2);
    canvas.commentStore.resolve(thread, commenter.userId);
    await client.settled();
    const saved = (await stored()).commentStore.thread(thread)!;
    expect(saved.anchor.point).toEqual({ series: 'revenue', x: '2024-03' });
    expect(saved.resolved).toBe(true);
    expect(saved.comments[0]!.reactions).toEqual({ '👀': [commenter.userId] });
    client.destroy();
  });

  it('a change to a block closes the socket with 4406 and changes nothing', async () => {
    const { client, canvas } = await commenterCanvas();
    const before = ownerCanvas.block(blockId);
    const closed = providerClosed(client.socket);
    canvas.move(blockId, 999, 999);
    expect(await closed).toEqual({ code: 4406, reason: 'comments-only' });
    client.destroy();
    expect(ownerCanvas.block(blockId)).toEqual(before);
    expect((await stored()).block(blockId)).toEqual(before);
    const fresh = await relay.connect(docId, owner.token);
    expect(new CanvasDoc(fresh.doc).block(blockId)).toEqual(before);
    fresh.destroy();
  });

  it('editing someone else’s comment closes with 4406 and leaves it as it was', async () => {
    const theirs = ownerCanvas.addComment({ blockId, author: owner.userId, text: 'Owner’s note' });
    await ownerClient.settled();
    const { client } = await commenterCanvas();
    await expect.poll(() => client.doc.getMap('comments').has(theirs)).toBe(true);
    const closed = providerClosed(client.socket);
    client.doc
      .getMap('comments')
      .set(theirs, { blockId, author: commenter.userId, text: 'rewritten', createdAt: 1 });
    expect((await closed).code).toBe(4406);
    client.destroy();
    expect((await stored()).commentStore.thread(theirs)!.comments[0]!.text).toBe('Owner’s note');
  });

  it('viewers stay read-only: their comments go nowhere', async () => {
    const client = await relay.connect(docId, viewer.token);
    expect(client.provider.authorizedScope).toBe('readonly');
    const canvas = new CanvasDoc(client.doc);
    const id = canvas.addComment({ blockId, author: viewer.userId, text: 'from a viewer' });
    client.provider.setAwarenessField('probe', 'viewer-comment');
    await expect
      .poll(() =>
        [...ownerClient.provider.awareness!.getStates().values()].some((s) => s.probe === 'viewer-comment'),
      )
      .toBe(true);
    expect(ownerCanvas.commentStore.thread(id)).toBeUndefined();
    expect((await stored()).commentStore.thread(id)).toBeUndefined();
    client.destroy();
  });

  it('a role change between commenter and editor or viewer closes the connection (4410)', async () => {
    const member = await relay.signUp('cm-changing');
    await addMember(member, 'editor');
    const client = await relay.connect(docId, member.token);
    const closed = providerClosed(client.socket);
    const res = await relay.api('PATCH', `/api/docs/${docId}/members/${member.userId}`, {
      token: owner.token,
      json: { role: 'commenter' },
    });
    expect(res.status).toBe(200);
    expect(await closed).toEqual({ code: 4410, reason: 'access-revoked' });
    client.destroy();
    // Reconnected as a commenter, a block edit is refused.
    const { client: again, canvas } = await commenterCanvas(member);
    const refused = providerClosed(again.socket);
    canvas.update(blockId, { title: 'renamed by a demoted editor' });
    expect((await refused).code).toBe(4406);
    again.destroy();
    expect(ownerCanvas.block(blockId)!.title).toBe('');
  });
});
