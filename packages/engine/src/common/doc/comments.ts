/**
 * Comment threads of a canvas, kept in the canvas Y.Doc (map `comments`) so they work offline and merge
 * like every other change. The entry layout is in comment-entries.ts. Threads anchor to block ids or to a
 * chart's data point (series + x), never to row positions, so they survive re-runs.
 */
import type * as Y from 'yjs';
import { InvalidArgumentError } from '../errors.ts';
import {
  type CommentAnchor,
  type CommentRecord,
  COMMENT_LIMITS,
  isEmoji,
  parseMentions,
  reactionKey,
  readCommentEntry,
  readPoint,
  threadKey,
} from './comment-entries.ts';

/** One comment of a thread, as the app shows it: the stored record with its thread's state and reactions. */
export interface CanvasComment extends Omit<CommentRecord, 'legacyResolved'> {
  /** Whether the comment's thread is resolved. */
  resolved: boolean;
  /** Emoji → user ids who reacted with it. */
  reactions: Record<string, string[]>;
}

export interface CommentThread {
  id: string;
  anchor: CommentAnchor;
  resolved: boolean;
  /** Who resolved or reopened it last, and when (absent when never changed). */
  resolvedBy?: string;
  resolvedAt?: number;
  /** The first comment, then replies, oldest first. */
  comments: CanvasComment[];
}

export interface CommentProblem {
  id: string;
  reason: string;
}

interface Read {
  threads: CommentThread[];
  problems: CommentProblem[];
}

/** Typed commands over the `comments` map; `transact` runs a change with the owning document's origin. */
export class CommentStore {
  constructor(
    private readonly map: Y.Map<unknown>,
    private readonly transact: (change: () => void) => void,
    private readonly newId: () => string,
  ) {}

  /** Starts a thread on a block or a data point; returns its id (the id of its first comment). */
  add(
    anchor: CommentAnchor,
    author: string,
    text: string,
    options: { now?: number; mentions?: string[] } = {},
  ): string {
    if (!anchor.blockId || anchor.blockId.length > COMMENT_LIMITS.id)
      throw new InvalidArgumentError('A comment needs a block to attach to.');
    const point = anchor.point === undefined ? undefined : readPoint(anchor.point);
    if (anchor.point !== undefined && !point) throw new InvalidArgumentError('The data point is not valid.');
    const id = this.newId();
    this.write(id, {
      blockId: anchor.blockId,
      ...(point ? { point } : {}),
      ...this.content(author, text, options.mentions),
      createdAt: options.now ?? Date.now(),
    });
    return id;
  }

  /** Adds a reply to a thread; returns the reply's id. */
  reply(
    threadId: string,
    author: string,
    text: string,
    options: { now?: number; mentions?: string[] } = {},
  ): string {
    const thread = this.thread(threadId);
    if (!thread) throw new InvalidArgumentError(`There is no thread ${threadId}.`);
    const id = this.newId();
    this.write(id, {
      blockId: thread.anchor.blockId,
      threadId,
      ...this.content(author, text, options.mentions),
      createdAt: options.now ?? Date.now(),
    });
    return id;
  }

  /** Replaces the text of one's own comment. */
  edit(id: string, author: string, text: string, options: { now?: number; mentions?: string[] } = {}): void {
    const current = this.own(id, author);
    this.write(id, {
      ...current,
      ...this.content(author, text, options.mentions),
      editedAt: options.now ?? Date.now(),
    });
  }

  /** Deletes one's own comment softly: its text goes, its place in the thread stays. */
  remove(id: string, author: string, now = Date.now()): void {
    const current = this.own(id, author);
    this.write(id, { ...current, text: '', mentions: [], deleted: true, editedAt: now });
  }

  react(commentId: string, user: string, emoji: string, now = Date.now()): void {
    if (!isEmoji(emoji)) throw new InvalidArgumentError('A reaction is one emoji.');
    this.requireComment(commentId);
    this.write(reactionKey(commentId, user, emoji), { kind: 'reaction', commentId, user, emoji, at: now });
  }

  unreact(commentId: string, user: string, emoji: string): void {
    this.transact(() => this.map.delete(reactionKey(commentId, user, emoji)));
  }

  resolve(threadId: string, user: string, now = Date.now()): void {
    this.setResolved(threadId, user, true, now);
  }

  reopen(threadId: string, user: string, now = Date.now()): void {
    this.setResolved(threadId, user, false, now);
  }

  /** Every valid thread, oldest first. */
  threads(): CommentThread[] {
    return this.read().threads;
  }

  thread(id: string): CommentThread | undefined {
    return this.read().threads.find((t) => t.id === id);
  }

  /** Entries that are not valid (left in the document untouched), with the reason. */
  problems(): CommentProblem[] {
    return this.read().problems;
  }

  private setResolved(threadId: string, user: string, resolved: boolean, now: number): void {
    if (!this.thread(threadId)) throw new InvalidArgumentError(`There is no thread ${threadId}.`);
    this.write(threadKey(threadId), { kind: 'thread', threadId, resolved, by: user, at: now });
  }

  private content(author: string, text: string, mentions: string[] = []) {
    if (!author || author.length > COMMENT_LIMITS.id)
      throw new InvalidArgumentError('A comment needs an author.');
    if (!text.trim()) throw new InvalidArgumentError('A comment needs some text.');
    if (text.length > COMMENT_LIMITS.text)
      throw new InvalidArgumentError(`A comment can have at most ${COMMENT_LIMITS.text} characters.`);
    const all = [...new Set([...parseMentions(text), ...mentions])].slice(0, COMMENT_LIMITS.mentions);
    return { author, text, mentions: all };
  }

  private requireComment(id: string): Record<string, unknown> {
    const value = this.map.get(id);
    const entry = readCommentEntry(id, value);
    if (typeof entry === 'string' || entry.type !== 'comment')
      throw new InvalidArgumentError(`There is no comment ${id}.`);
    return value as Record<string, unknown>;
  }

  private own(id: string, author: string): Record<string, unknown> {
    const value = this.requireComment(id);
    if (value.author !== author) throw new InvalidArgumentError('Only the author can change a comment.');
    if (value.deleted === true) throw new InvalidArgumentError('This comment was deleted.');
    return value;
  }

  private write(key: string, value: Record<string, unknown>): void {
    this.transact(() => this.map.set(key, value));
  }

  private read(): Read {
    const problems: CommentProblem[] = [];
    const records: CommentRecord[] = [];
    const reactions = new Map<string, Map<string, { user: string; at: number }[]>>();
    const states = new Map<string, { resolved: boolean; by: string; at: number }>();
    this.map.forEach((value, key) => {
      const entry = readCommentEntry(key, value);
      if (typeof entry === 'string') return problems.push({ id: key, reason: entry });
      if (entry.type === 'comment') records.push(entry.record);
      else if (entry.type === 'thread') states.set(entry.record.threadId, entry.record);
      else {
        const { commentId, emoji, user, at } = entry.record;
        const byEmoji = reactions.get(commentId) ?? new Map<string, { user: string; at: number }[]>();
        reactions.set(commentId, byEmoji);
        byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), { user, at }]);
      }
    });
    const byCreated = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
      a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
    records.sort(byCreated);
    const threads = new Map<string, CommentThread>();
    for (const r of records) {
      if (r.threadId !== r.id) continue;
      const state = states.get(r.id);
      threads.set(r.id, {
        id: r.id,
        anchor: { blockId: r.blockId, ...(r.point ? { point: r.point } : {}) },
        resolved: state ? state.resolved : r.legacyResolved,
        ...(state ? { resolvedBy: state.by, resolvedAt: state.at } : {}),
        comments: [],
      });
    }
    for (const r of records) {
      const thread = threads.get(r.threadId);
      if (!thread) {
        problems.push({ id: r.id, reason: 'reply to a thread that does not exist' });
        continue;
      }
      const { legacyResolved: _legacy, point: _point, ...rest } = r;
      const byEmoji = reactions.get(r.id);
      thread.comments.push({
        ...rest,
        blockId: thread.anchor.blockId,
        ...(thread.anchor.point ? { point: thread.anchor.point } : {}),
        resolved: thread.resolved,
        reactions: Object.fromEntries(
          [...(byEmoji ?? [])].map(([emoji, list]) => [
            emoji,
            list.sort((a, b) => a.at - b.at || (a.user < b.user ? -1 : 1)).map((x) => x.user),
          ]),
        ),
      });
    }
    return { threads: [...threads.values()], problems };
  }
}

export {
  type CommentAnchor,
  type CommentEntry,
  COMMENT_LIMITS,
  type DataPoint,
  mentionToken,
  parseMentions,
  reactionKey,
  readCommentEntry,
  threadKey,
} from './comment-entries.ts';
