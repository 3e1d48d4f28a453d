import { type CommentEntry, parseMentions, readCommentEntry } from '@facet/engine/common';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Notifier } from '../notifications/notifier.ts';

type CommentRecord = Extract<CommentEntry, { type: 'comment' }>['record'];

/** Plain text for titles, emails and webhooks: mention tokens become `@Name`, whitespace collapses. */
export function excerpt(markdown: string, max = 280): string {
  const plain = markdown
    .replace(/@\[([^\]\n]{1,200})\]\(user:[^()\s]{1,128}\)/g, '@$1')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/**
 * Watches the `comments` map of a loaded document and turns new comments into notifications: mentions
 * (for mentioned users who can read the document), replies (for the thread's earlier authors), and the
 * document's webhook. Every relay that has the document loaded sees the same change (through Redis), so
 * each notification is keyed by the comment id and only the first relay's insert counts.
 */
export function watchComments(docId: string, doc: Y.Doc, notifier: Notifier, log: Logger): () => void {
  const map = doc.getMap<unknown>('comments');
  const handler = (event: Y.YMapEvent<unknown>) => {
    event.changes.keys.forEach((change, key) => {
      if (change.action === 'delete') return;
      const entry = readCommentEntry(key, map.get(key));
      if (typeof entry === 'string' || entry.type !== 'comment' || entry.record.deleted) return;
      const participants = threadAuthors(map, entry.record.threadId);
      void announce(docId, entry.record, change.action === 'add', participants, notifier).catch(
        (error: unknown) => log.warn({ err: error, doc: docId }, 'comment notifications failed'),
      );
    });
  };
  map.observe(handler);
  return () => map.unobserve(handler);
}

function threadAuthors(map: Y.Map<unknown>, threadId: string): Set<string> {
  const authors = new Set<string>();
  map.forEach((value, key) => {
    const entry = readCommentEntry(key, value);
    if (typeof entry !== 'string' && entry.type === 'comment' && entry.record.threadId === threadId)
      authors.add(entry.record.author);
  });
  return authors;
}

async function announce(
  docId: string,
  comment: CommentRecord,
  isNew: boolean,
  participants: Set<string>,
  notifier: Notifier,
): Promise<void> {
  const readers = new Set(await notifier.readers(docId));
  const mentioned = [...new Set([...comment.mentions, ...parseMentions(comment.text)])]
    .filter((id) => readers.has(id) && id !== comment.author)
    .slice(0, 50);
  const [author, docName] = await Promise.all([notifier.userName(comment.author), notifier.docName(docId)]);
  const body = excerpt(comment.text);
  const data = {
    commentId: comment.id,
    threadId: comment.threadId,
    blockId: comment.blockId,
    ...(comment.point ? { point: comment.point } : {}),
  };
  const common = { docId, actorId: comment.author, body, data };
  if (mentioned.length > 0) {
    await notifier.notify({
      ...common,
      kind: 'mention',
      userIds: mentioned,
      title: `${author} mentioned you in “${docName}”`,
      dedupeKey: `mention:${docId}:${comment.id}`,
    });
  }
  if (!isNew) return;
  if (comment.threadId !== comment.id) {
    const repliedTo = [...participants].filter((id) => readers.has(id) && !mentioned.includes(id));
    await notifier.notify({
      ...common,
      kind: 'reply',
      userIds: repliedTo,
      title: `${author} replied in “${docName}”`,
      dedupeKey: `reply:${docId}:${comment.id}`,
    });
  }
  const facet = {
    ...data,
    author: { id: comment.author, name: author },
    docName,
    text: comment.text,
    mentions: mentioned,
  };
  const verb = comment.threadId === comment.id ? 'commented on' : 'replied in';
  await notifier.webhook(
    docId,
    'comment',
    `comment:${comment.id}`,
    `${author} ${verb} “${docName}”: ${body}`,
    facet,
  );
  if (mentioned.length > 0) {
    const names = await Promise.all(mentioned.map((id) => notifier.userName(id)));
    const text = `${author} mentioned ${names.join(', ')} in “${docName}”: ${body}`;
    await notifier.webhook(docId, 'mention', `mention:${comment.id}`, text, facet);
  }
}
