import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CanvasDoc } from './canvas-doc.ts';
import { mentionToken, parseMentions, reactionKey, readCommentEntry, threadKey } from './comments.ts';

function sync(a: CanvasDoc, b: CanvasDoc): void {
  a.applyUpdate(Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
  b.applyUpdate(Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
}

describe('comment threads', () => {
  it('anchors threads to blocks and data points, with replies in order', () => {
    const canvas = new CanvasDoc();
    const chart = canvas.add('chart', { source: 'sales', spec: { kind: 'bar' } });
    const t1 = canvas.commentStore.add({ blockId: chart }, 'ana', 'Looks off', { now: 10 });
    const t2 = canvas.commentStore.add(
      { blockId: chart, point: { series: 'revenue', x: '2024-03' } },
      'bo',
      'Spike?',
      {
        now: 20,
      },
    );
    canvas.commentStore.reply(t2, 'ana', 'Promo month', { now: 30 });
    const threads = canvas.commentStore.threads();
    expect(threads.map((t) => t.id)).toEqual([t1, t2]);
    expect(threads[1]!.anchor).toEqual({ blockId: chart, point: { series: 'revenue', x: '2024-03' } });
    expect(threads[1]!.comments.map((c) => [c.author, c.text, c.threadId])).toEqual([
      ['bo', 'Spike?', t2],
      ['ana', 'Promo month', t2],
    ]);
    // A reply inherits its thread's anchor.
    expect(threads[1]!.comments[1]!.point).toEqual({ series: 'revenue', x: '2024-03' });
    expect(() => canvas.commentStore.reply('nope', 'ana', 'x')).toThrow(/no thread/);
    expect(() =>
      canvas.commentStore.add({ blockId: chart, point: { series: 's', x: NaN } }, 'a', 'x'),
    ).toThrow(/data point/);
  });

  it('keeps mentions from tokens and from the explicit list', () => {
    const text = `Hi ${mentionToken('Ana [PM]', 'u-1')} and @[Bo](user:u-2), again @[Ana](user:u-1)`;
    expect(parseMentions(text)).toEqual(['u-1', 'u-2']);
    expect(parseMentions('mail me @ana or [x](user:u-3)')).toEqual([]);
    const canvas = new CanvasDoc();
    const id = canvas.addComment({ blockId: 'b', author: 'me', text });
    canvas.commentStore.edit(id, 'me', 'only @[Cy](user:u-3)', { mentions: ['u-4'] });
    expect(canvas.comments()[0]!.mentions).toEqual(['u-3', 'u-4']);
  });

  it('edits and deletes only one’s own comments; a deleted comment keeps the thread', () => {
    const canvas = new CanvasDoc();
    const root = canvas.addComment({ blockId: 'b', author: 'ana', text: 'first', createdAt: 1 });
    const reply = canvas.commentStore.reply(root, 'bo', 'second', { now: 2 });
    expect(() => canvas.commentStore.edit(root, 'bo', 'hijack')).toThrow(/Only the author/);
    expect(() => canvas.commentStore.remove(reply, 'ana')).toThrow(/Only the author/);
    canvas.commentStore.edit(root, 'ana', 'first, edited', { now: 99 });
    canvas.commentStore.remove(root, 'ana');
    const [thread] = canvas.commentStore.threads();
    expect(thread!.comments.map((c) => [c.deleted, c.text])).toEqual([
      [true, ''],
      [false, 'second'],
    ]);
    expect(() => canvas.commentStore.edit(root, 'ana', 'back')).toThrow(/deleted/);
    // Search and other flat readers skip deleted comments.
    expect(canvas.comments().map((c) => c.id)).toEqual([reply]);
  });

  it('merges concurrent reactions, resolves and reopens per thread', () => {
    const a = new CanvasDoc();
    const b = new CanvasDoc();
    const root = a.addComment({ blockId: 'b', author: 'ana', text: 'ship it?' });
    sync(a, b);
    a.commentStore.react(root, 'ana', '👍', 1);
    b.commentStore.react(root, 'bo', '👍', 2);
    b.commentStore.react(root, 'bo', '🎉', 3);
    b.commentStore.resolve(root, 'bo', 4);
    sync(a, b);
    const thread = a.commentStore.thread(root)!;
    expect(thread.comments[0]!.reactions).toEqual({ '👍': ['ana', 'bo'], '🎉': ['bo'] });
    expect([thread.resolved, thread.resolvedBy]).toEqual([true, 'bo']);
    a.commentStore.unreact(root, 'ana', '👍');
    a.commentStore.reopen(root, 'ana', 5);
    sync(a, b);
    expect(b.commentStore.thread(root)!.comments[0]!.reactions).toEqual({ '👍': ['bo'], '🎉': ['bo'] });
    expect(b.commentStore.thread(root)!.resolved).toBe(false);
    expect(() => a.commentStore.react(root, 'ana', 'two words')).toThrow(/one emoji/);
  });

  it('repairs or drops malformed remote entries and never deletes them', () => {
    const remote = new Y.Doc();
    const map = remote.getMap('comments');
    map.set('legacy', { blockId: 'b', author: 'ana', text: 'old shape', createdAt: 5, resolved: true });
    map.set('repaired', {
      blockId: 'b',
      text: 'no author',
      mentions: 'bad',
      createdAt: 'x',
      point: { x: 1 },
    });
    map.set('no-text', { blockId: 'b', author: 'ana' });
    map.set('orphan', { threadId: 'gone', author: 'ana', text: 'hello' });
    map.set('number', 42);
    map.set(reactionKey('legacy', 'bo', '👍'), {
      kind: 'reaction',
      commentId: 'legacy',
      user: 'eve',
      emoji: '👍',
    });
    map.set(threadKey('legacy'), { kind: 'thread', threadId: 'other', resolved: false });
    map.set('huge', { blockId: 'b', text: 'x'.repeat(20_001) });
    const canvas = CanvasDoc.fromUpdate(Y.encodeStateAsUpdate(remote));
    const threads = canvas.commentStore.threads();
    expect(threads.map((t) => [t.id, t.resolved])).toEqual([
      ['repaired', false],
      ['legacy', true],
    ]);
    const repaired = threads[0]!.comments[0]!;
    expect([repaired.author, repaired.createdAt, repaired.mentions, repaired.point]).toEqual([
      '',
      0,
      [],
      undefined,
    ]);
    expect(threads[1]!.comments[0]!.reactions).toEqual({});
    expect(
      canvas.commentStore
        .problems()
        .map((p) => p.id)
        .sort(),
    ).toEqual(
      ['huge', 'no-text', 'number', 'orphan', reactionKey('legacy', 'bo', '👍'), threadKey('legacy')].sort(),
    );
    expect(canvas.doc.getMap('comments').size).toBe(8);
  });

  it('reads single entries for validators (the relay checks commenters with it)', () => {
    expect(readCommentEntry('c1', { blockId: 'b', author: 'u', text: 't' })).toMatchObject({
      type: 'comment',
    });
    expect(readCommentEntry('c1', { threadId: 'c0', author: 'u', text: 't' })).toMatchObject({
      type: 'comment',
      record: { threadId: 'c0' },
    });
    expect(readCommentEntry('', { blockId: 'b', text: 't' })).toMatch(/id/);
    expect(
      readCommentEntry('reaction:c:u:👍', { kind: 'reaction', commentId: 'c', user: 'u', emoji: '👍' }),
    ).toMatchObject({ type: 'reaction' });
    expect(readCommentEntry('thread:c', { kind: 'thread', threadId: 'c', resolved: 'yes' })).toMatch(
      /malformed/,
    );
  });

  it('undo reverts one’s own comment, not a collaborator’s', () => {
    const a = new CanvasDoc();
    const b = new CanvasDoc();
    a.addComment({ blockId: 'b', author: 'ana', text: 'mine', createdAt: 1 });
    a.stopCapturing();
    b.addComment({ blockId: 'b', author: 'bo', text: 'theirs' });
    sync(a, b);
    expect(a.undo()).toBe(true);
    expect(a.comments().map((c) => c.text)).toEqual(['theirs']);
  });
});
