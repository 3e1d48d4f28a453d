/**
 * The entries of a canvas's `comments` Y.Map and how they are read back. Every entry is a plain JSON
 * value under one key, so a change to one entry is one map write (easy to check on a relay, merges
 * last-writer-wins per entry):
 *
 *   <commentId>                        → { blockId, point?, threadId?, author, text, mentions, createdAt,
 *                                          editedAt?, deleted? }   (a thread's first comment has no threadId)
 *   reaction:<commentId>:<user>:<emoji> → { kind: 'reaction', commentId, user, emoji, at }
 *   thread:<threadId>                   → { kind: 'thread', threadId, resolved, by, at }
 *
 * Reactions and thread states are separate entries so that two people reacting, or one resolving while
 * another edits, never overwrite each other. Readers repair what they can (a missing author, bad
 * mentions) and drop what they cannot (no text, no anchor), reporting the reason.
 */

/** A point of a chart: the series and the x value or category (not a row index, so it survives re-runs). */
export interface DataPoint {
  series: string;
  x: string | number;
}

/** What a thread is attached to: a block, or one data point of a chart block. */
export interface CommentAnchor {
  blockId: string;
  point?: DataPoint;
}

/** A comment entry as read from the document (before threads are assembled). */
export interface CommentRecord {
  id: string;
  /** The thread's id: the id of its first comment. */
  threadId: string;
  blockId: string;
  point?: DataPoint;
  /** The author's user id. */
  author: string;
  /** Markdown source; renderers sanitise it. Empty once deleted. */
  text: string;
  /** User ids mentioned in the text. */
  mentions: string[];
  createdAt: number;
  editedAt?: number;
  /** Soft-deleted: the entry stays so the thread keeps its shape. */
  deleted: boolean;
  /** Resolution stored on the comment itself by older clients (thread entries take precedence). */
  legacyResolved: boolean;
}

export interface ReactionRecord {
  commentId: string;
  user: string;
  emoji: string;
  at: number;
}

export interface ThreadStateRecord {
  threadId: string;
  resolved: boolean;
  by: string;
  at: number;
}

export type CommentEntry =
  | { type: 'comment'; record: CommentRecord }
  | { type: 'reaction'; record: ReactionRecord }
  | { type: 'thread'; record: ThreadStateRecord };

/** Limits every writer and the relay apply; readers drop entries past them. */
export const COMMENT_LIMITS = {
  text: 20_000,
  id: 128,
  emoji: 32,
  mentions: 50,
  series: 500,
} as const;

const MENTION = /@\[([^\]\n]{1,200})\]\(user:([^()\s]{1,128})\)/g;

/** User ids mentioned with the `@[Name](user:ID)` token syntax, in order, without repeats. */
export function parseMentions(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    ids.add(match[2]!);
    if (ids.size >= COMMENT_LIMITS.mentions) break;
  }
  return [...ids];
}

/** The `@[Name](user:ID)` token for a mention (brackets in the name are dropped so the token parses). */
export function mentionToken(name: string, userId: string): string {
  return `@[${name.replace(/[[\]\n]/g, '').slice(0, 200) || userId}](user:${userId})`;
}

export function reactionKey(commentId: string, user: string, emoji: string): string {
  return `reaction:${commentId}:${user}:${emoji}`;
}

export function threadKey(threadId: string): string {
  return `thread:${threadId}`;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= COMMENT_LIMITS.id;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A valid data point, or undefined (a bad point falls back to anchoring the block). */
export function readPoint(value: unknown): DataPoint | undefined {
  if (!isObject(value)) return undefined;
  const { series, x } = value;
  if (typeof series !== 'string' || series.length > COMMENT_LIMITS.series) return undefined;
  if (typeof x === 'number') return Number.isFinite(x) ? { series, x } : undefined;
  return typeof x === 'string' && x.length <= COMMENT_LIMITS.series ? { series, x } : undefined;
}

function readMentions(value: unknown, text: string): string[] {
  if (Array.isArray(value) && value.length <= COMMENT_LIMITS.mentions && value.every(isId))
    return [...new Set(value)];
  return parseMentions(text);
}

/** Whether `emoji` is acceptable as a reaction: short, no whitespace, no separators. */
export function isEmoji(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= COMMENT_LIMITS.emoji &&
    !/[\s:]/.test(value)
  );
}

/** Reads one entry of the `comments` map, or returns why it is not a valid one. */
export function readCommentEntry(key: string, value: unknown): CommentEntry | string {
  if (!isObject(value)) return 'not a comment record';
  if (key.startsWith('reaction:')) {
    const { commentId, user, emoji, at } = value;
    if (value.kind !== 'reaction' || !isId(commentId) || !isId(user) || !isEmoji(emoji))
      return 'malformed reaction';
    if (key !== reactionKey(commentId, user, emoji)) return 'reaction key does not match its content';
    return { type: 'reaction', record: { commentId, user, emoji, at: isTime(at) ? at : 0 } };
  }
  if (key.startsWith('thread:')) {
    const { threadId, resolved, by, at } = value;
    if (value.kind !== 'thread' || !isId(threadId) || typeof resolved !== 'boolean')
      return 'malformed thread state';
    if (key !== threadKey(threadId)) return 'thread key does not match its content';
    return {
      type: 'thread',
      record: { threadId, resolved, by: isId(by) ? by : '', at: isTime(at) ? at : 0 },
    };
  }
  if (!isId(key)) return 'comment id is empty or too long';
  const { blockId, threadId, text, author, createdAt, editedAt } = value;
  if (typeof text !== 'string') return 'comment has no text';
  if (text.length > COMMENT_LIMITS.text) return 'comment text is too long';
  const reply = threadId !== undefined && threadId !== key;
  if (reply && !isId(threadId)) return 'reply has an invalid thread id';
  // A reply takes its anchor from its thread, so it may leave blockId out.
  if (!isId(blockId) && !reply) return 'comment has no block';
  const point = readPoint(value.point);
  return {
    type: 'comment',
    record: {
      id: key,
      threadId: reply ? threadId : key,
      blockId: isId(blockId) ? blockId : '',
      ...(point ? { point } : {}),
      author: isId(author) ? author : '',
      text: value.deleted === true ? '' : text,
      mentions: value.deleted === true ? [] : readMentions(value.mentions, text),
      createdAt: isTime(createdAt) ? createdAt : 0,
      ...(isTime(editedAt) ? { editedAt } : {}),
      deleted: value.deleted === true,
      legacyResolved: value.resolved === true,
    },
  };
}
