import { CanvasDoc, reactionKey } from '@facet/engine/common';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCommentUpdate } from '../src/comments/comment-guard.ts';

/**
 * The commenter rule on its own: a "relay" Y.Doc, a commenter's copy of it, and the update the
 * commenter's change produces, checked the way the relay checks it before logging.
 */

const ME = 'user-me';
const OTHER = 'user-other';

function setup() {
  const relay = new CanvasDoc();
  const block = relay.add('text', { text: 'hello' });
  const theirs = relay.addComment({ blockId: block, author: OTHER, text: 'their comment', createdAt: 1 });
  const client = CanvasDoc.fromUpdate(relay.encodeState());
  const mine = client.addComment({ blockId: block, author: ME, text: 'my comment', createdAt: 2 });
  relay.applyUpdate(client.encodeState());
  relay.commentStore.react(theirs, OTHER, '👍');
  client.applyUpdate(relay.encodeState());
  return { relay, client, block, theirs, mine };
}

/** What the commenter sends for `change`: everything the relay does not have yet. */
function changeOf(relay: CanvasDoc, client: CanvasDoc, change: () => void): Uint8Array {
  change();
  return Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(relay.doc));
}

function check(relay: CanvasDoc, update: Uint8Array, user = ME): string | null {
  return checkCommentUpdate(relay.doc, update, user);
}

describe('commenter updates', () => {
  it('accepts one’s own threads, replies, edits, soft deletes, reactions and thread states', () => {
    const { relay, client, block, theirs, mine } = setup();
    const steps: (() => void)[] = [
      () =>
        client.commentStore.add(
          { blockId: block, point: { series: 'sales', x: 3 } },
          ME,
          'Hi @[O](user:user-other)',
        ),
      () => client.commentStore.reply(theirs, ME, 'a reply to them'),
      () => client.commentStore.edit(mine, ME, 'edited'),
      () => client.commentStore.react(theirs, ME, '🎉'),
      () => client.commentStore.unreact(theirs, ME, '🎉'),
      () => client.commentStore.resolve(theirs, ME),
      () => client.commentStore.reopen(theirs, ME),
      () => client.commentStore.remove(mine, ME),
    ];
    for (const step of steps) {
      const update = changeOf(relay, client, step);
      expect(check(relay, update)).toBeNull();
      relay.applyUpdate(update);
    }
    expect(relay.commentStore.thread(mine)!.comments[0]!.deleted).toBe(true);
  });

  it('accepts a reconnect whose delete set repeats deletions the relay already has', () => {
    const { relay, client, block } = setup();
    relay.delete([block]);
    client.applyUpdate(relay.encodeState());
    const update = changeOf(relay, client, () =>
      client.addComment({ blockId: 'gone', author: ME, text: 'late' }),
    );
    expect(Y.decodeUpdate(update).ds.clients.size).toBeGreaterThan(0);
    expect(check(relay, update)).toBeNull();
  });

  it('refuses anything outside comments', () => {
    const cases: [(c: CanvasDoc, block: string) => void, RegExp][] = [
      [(c, block) => c.move(block, 10, 10), /writes outside comments/],
      [(c, block) => c.editText(block, 'text', 0, 0, 'x'), /nested types|outside comments/],
      [(c) => c.add('text', { text: 'new block' }), /writes to "blocks"/],
      [(c) => c.setTerm('churn', { definition: 'x', synonyms: [] }), /writes to "glossary"/],
      [(c, block) => c.delete([block]), /deletes outside comments/],
      [(c) => c.doc.getArray('comments-list').push(['x']), /writes to "comments-list"/],
      [(c) => c.doc.getMap('comments').set('nested', new Y.Map()), /JSON values only/],
    ];
    for (const [change, reason] of cases) {
      const { relay, client, block } = setup();
      expect(
        check(
          relay,
          changeOf(relay, client, () => change(client, block)),
        ),
      ).toMatch(reason);
    }
    // A root named `comments` used as an array by a client that never loaded the canvas.
    const { relay } = setup();
    const stranger = new Y.Doc();
    stranger.getArray('comments').push(['x']);
    expect(check(relay, Y.encodeStateAsUpdate(stranger))).toMatch(/array insert/);
  });

  it('refuses changes to other people’s comments and writing in their name', () => {
    const cases: [(c: CanvasDoc, ids: { theirs: string; mine: string; block: string }) => void, RegExp][] = [
      [(c, { theirs }) => c.commentStore.edit(theirs, OTHER, 'hijacked'), /another person's comment/],
      [(c, { theirs }) => c.commentStore.remove(theirs, OTHER), /another person's comment/],
      [(c, { theirs }) => c.doc.getMap('comments').delete(theirs), /deleted softly/],
      [(c, { mine }) => c.doc.getMap('comments').delete(mine), /deleted softly/],
      [(c, { theirs }) => c.commentStore.unreact(theirs, OTHER, '👍'), /deleted softly/],
      [(c, { block }) => c.addComment({ blockId: block, author: OTHER, text: 'as them' }), /another person/],
      [(c, { theirs }) => c.commentStore.react(theirs, OTHER, '👎'), /another person/],
      [(c, { theirs }) => c.commentStore.resolve(theirs, OTHER), /another person/],
      [(c) => c.doc.getMap('comments').set('x', { blockId: 'b', author: ME }), /no text/],
      [
        (c) => c.doc.getMap('comments').set('x', { blockId: 'b', author: ME, text: 'x'.repeat(20_001) }),
        /too long/,
      ],
      [
        (c, { theirs }) =>
          c.doc.getMap('comments').set(reactionKey(theirs, OTHER, '🎉'), {
            kind: 'reaction',
            commentId: theirs,
            user: ME,
            emoji: '🎉',
          }),
        /key does not match/,
      ],
    ];
    for (const [change, reason] of cases) {
      const { relay, client, theirs, mine, block } = setup();
      expect(
        check(
          relay,
          changeOf(relay, client, () => change(client, { theirs, mine, block })),
        ),
      ).toMatch(reason);
    }
  });

  it('refuses a concurrent write that would win over another person’s comment', () => {
    const { relay, theirs } = setup();
    // A client that never saw the comment writes the same key: Yjs would order the two by client id.
    const forger = new Y.Doc();
    forger.clientID = 0xfffffff;
    forger.getMap('comments').set(theirs, { blockId: 'b', author: ME, text: 'mine now', createdAt: 9 });
    expect(check(relay, Y.encodeStateAsUpdate(forger))).toMatch(/another person's comment/);
  });

  it('refuses deletions of content the relay does not know, and garbage', () => {
    const { relay } = setup();
    const elsewhere = new CanvasDoc();
    const id = elsewhere.addComment({ blockId: 'b', author: ME, text: 'x' });
    const before = Y.encodeStateVector(elsewhere.doc);
    elsewhere.doc.getMap('comments').delete(id);
    // Only the delete set: items the relay has never seen.
    const onlyDeletes = Y.encodeStateAsUpdate(elsewhere.doc, before);
    expect(check(relay, onlyDeletes)).toMatch(/does not know/);
    expect(check(relay, new Uint8Array([1, 2, 3, 250, 250]))).toMatch(/does not decode/);
    expect(check(relay, new Uint8Array([0, 0]))).toBeNull();
  });

  it('refuses an item placed next to content the relay does not have', () => {
    const { relay, client, mine } = setup();
    const other = CanvasDoc.fromUpdate(client.encodeState());
    other.commentStore.edit(mine, ME, 'first edit');
    const sv = Y.encodeStateVector(other.doc);
    other.commentStore.edit(mine, ME, 'second edit');
    // The second edit alone: its left origin is the first edit, which the relay never received.
    expect(check(relay, Y.encodeStateAsUpdate(other.doc, sv))).toMatch(/unknown content/);
  });
});
