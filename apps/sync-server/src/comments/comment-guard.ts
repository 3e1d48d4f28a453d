import { readCommentEntry } from '@facet/engine/common';
import * as Y from 'yjs';

/**
 * Decides whether an update from a commenter touches comments only, and only what that person may
 * change, before the relay logs or applies it. The rules, checked against the live document:
 *
 * - Every new item is a direct entry of the root map `comments` (its parent is the root name, or is
 *   found through its left/right origin in the live document or in the same update), holding one JSON
 *   value (or a tombstone). Nested Y types, other roots and array-style inserts are refused.
 * - A new value is a valid comment-map entry (comment-entries.ts) written as this user: a comment's
 *   `author`, a reaction's `user`, a thread state's `by` equal the connection's user id.
 * - The key's current value (if any) is this user's comment or reaction, or a thread state (anyone who
 *   may comment may resolve or reopen a thread); another person's entry is never overwritten.
 * - Deletions hit only items that are already deleted, this user's reactions, or an entry the same
 *   update writes again (an edit or a soft delete); comments are never removed outright, so threads
 *   keep their shape. Deleting content the relay does not know is refused.
 *
 * Not enforced here: client ids (as for editors, a client could claim another client's future clocks)
 * and the plausibility of timestamps.
 *
 * @returns null when the update is acceptable, otherwise the reason (for logs).
 */
export function checkCommentUpdate(doc: Y.Doc, update: Uint8Array, userId: string): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'update does not decode';
  }
  const incoming = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const s of decoded.structs) {
    const list = incoming.get(s.id.client) ?? [];
    incoming.set(s.id.client, list);
    list.push(s);
  }
  for (const list of incoming.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const comments = doc.getMap<unknown>('comments');
  const known = (client: number) => Y.getState(doc.store, client);
  const findIncoming = (id: Y.ID): Y.Item | undefined => {
    const s = incoming
      .get(id.client)
      ?.find((x) => x.id.clock <= id.clock && id.clock < x.id.clock + x.length);
    return s instanceof Y.Item ? s : undefined;
  };
  const findLive = (id: Y.ID): Y.Item | Y.GC | undefined =>
    id.clock < known(id.client) ? Y.getItem(doc.store, id) : undefined;

  /** The key of `comments` an item is a direct entry of, or why it is not one. */
  const keyOf = (start: Y.Item): { key: string } | { reason: string } => {
    let item = start;
    for (let steps = 0; steps <= decoded.structs.length; steps++) {
      // Decoded (not yet integrated) items name a root parent by string, which Yjs's types leave out.
      const parent: unknown = item.parent;
      if (typeof parent === 'string') {
        if (parent !== 'comments') return { reason: `writes to "${parent}"` };
        return item.parentSub === null ? { reason: 'array insert into comments' } : { key: item.parentSub };
      }
      if (item.parent !== null) return { reason: 'nested types are not allowed for commenters' };
      const near = item.origin ?? item.rightOrigin;
      if (!near) return { reason: 'item without a parent' };
      const live = near.clock < known(near.client) ? findLive(near) : undefined;
      if (live) return liveKey(live, comments);
      const next = findIncoming(near);
      if (!next) return { reason: 'item next to unknown content' };
      item = next;
    }
    return { reason: 'origin cycle' };
  };

  const rewritten = new Set<string>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= known(s.id.client)) continue;
    const where = keyOf(s);
    if ('reason' in where) return where.reason;
    const current = ownerProblem(comments, where.key, userId);
    if (current) return current;
    if (s.content instanceof Y.ContentAny) {
      const values = s.content.getContent();
      if (values.length !== 1) return 'a comment entry holds one value';
      const problem = valueProblem(where.key, values[0], userId);
      if (problem) return problem;
    } else if (!(s.content instanceof Y.ContentDeleted)) {
      return 'comment entries hold JSON values only';
    }
    rewritten.add(where.key);
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      const problem = deletionProblem(doc, client, clock, clock + len, userId, rewritten, findIncoming);
      if (problem) return problem;
    }
  }
  return null;
}

function liveKey(live: Y.Item | Y.GC, comments: Y.Map<unknown>): { key: string } | { reason: string } {
  if (!(live instanceof Y.Item)) return { reason: 'item next to garbage-collected content' };
  if (live.parent !== comments || live.parentSub === null) return { reason: 'writes outside comments' };
  return { key: live.parentSub };
}

/** Why this user may not replace the current value under `key` (null when they may). */
function ownerProblem(comments: Y.Map<unknown>, key: string, userId: string): string | null {
  if (!comments.has(key)) return null;
  const entry = readCommentEntry(key, comments.get(key));
  if (typeof entry === 'string') return 'overwrites a malformed entry';
  if (entry.type === 'thread') return null;
  const owner = entry.type === 'comment' ? entry.record.author : entry.record.user;
  return owner === userId ? null : "changes another person's comment";
}

function valueProblem(key: string, value: unknown, userId: string): string | null {
  const entry = readCommentEntry(key, value);
  if (typeof entry === 'string') return `invalid comment entry: ${entry}`;
  const raw = value as Record<string, unknown>;
  const claimed = entry.type === 'comment' ? raw.author : entry.type === 'reaction' ? raw.user : raw.by;
  return claimed === userId ? null : 'writes as another person';
}

function deletionProblem(
  doc: Y.Doc,
  client: number,
  from: number,
  to: number,
  userId: string,
  rewritten: ReadonlySet<string>,
  findIncoming: (id: Y.ID) => Y.Item | undefined,
): string | null {
  const live = doc.store.clients.get(client) ?? [];
  const end = Math.min(to, Y.getState(doc.store, client));
  if (from < end) {
    for (let i = Y.findIndexSS(live, from); i < live.length; i++) {
      const s = live[i]!;
      if (s.id.clock >= end) break;
      if (!(s instanceof Y.Item) || s.deleted) continue;
      if (s.parent !== doc.getMap('comments') || s.parentSub === null) return 'deletes outside comments';
      const key = s.parentSub;
      if (rewritten.has(key)) continue;
      const entry = readCommentEntry(key, s.content.getContent()[0]);
      if (typeof entry !== 'string' && entry.type === 'reaction' && entry.record.user === userId) continue;
      return 'comments are deleted softly, and only by their authors';
    }
  }
  // Deletions past what the relay knows must fall on items of this same update (checked above).
  for (let clock = Math.max(from, end); clock < to;) {
    const s = findIncoming(Y.createID(client, clock));
    if (!s) return 'deletes content the relay does not know';
    clock = s.id.clock + s.length;
  }
  return null;
}
