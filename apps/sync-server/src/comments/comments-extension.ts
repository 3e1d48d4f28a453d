import type { Extension } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import type { Notifier } from '../notifications/notifier.ts';
import type { SocketContext } from '../ws/access-extension.ts';
import { CloseCodes, CloseError } from '../ws/close-codes.ts';
import { checkCommentUpdate } from './comment-guard.ts';
import { watchComments } from './comment-notifications.ts';

/**
 * Comments on the socket. It must come before the durable log in the extension list, so that a
 * commenter's update is checked before it is logged, applied or acknowledged:
 * - beforeSync: a commenter's update that is not comments-only closes the socket with 4406 and is
 *   neither logged nor applied (comment-guard.ts has the rules);
 * - afterLoadDocument: watch the `comments` map for new comments, mentions and replies (notifications);
 * - connected: remember the user's connection, so notifications reach them live;
 * - onDestroy: finish sending (emails, webhook attempts) before the store closes.
 */
export function commentsExtension(notifier: Notifier, log: Logger): Extension {
  const watchers = new Map<string, () => void>();
  return {
    extensionName: 'facet-comments',
    beforeSync({ type, payload, connection, context, document, documentName }) {
      if (type === messageYjsSyncStep1 || connection.readOnly) return Promise.resolve();
      const { role, principal } = context as SocketContext;
      if (role !== 'commenter') return Promise.resolve();
      const problem = checkCommentUpdate(document, payload, principal.userId);
      if (!problem) return Promise.resolve();
      log.info({ doc: documentName, user: principal.userId, problem }, 'refused a commenter update');
      // Throwing keeps Hocuspocus from applying it; closing the socket gives the client the documented code.
      connection.webSocket.close(CloseCodes.commentOnly.code, CloseCodes.commentOnly.reason);
      return Promise.reject(new CloseError(CloseCodes.commentOnly));
    },
    afterLoadDocument({ documentName, document }) {
      watchers.get(documentName)?.();
      watchers.set(documentName, watchComments(documentName, document, notifier, log));
      return Promise.resolve();
    },
    afterUnloadDocument({ documentName }) {
      watchers.get(documentName)?.();
      watchers.delete(documentName);
      return Promise.resolve();
    },
    connected({ connection, context }) {
      const { principal } = context as SocketContext;
      const remove = notifier.live.add(principal.userId, connection);
      connection.onClose(() => remove());
      return Promise.resolve();
    },
    async onDestroy() {
      await notifier.close();
    },
  };
}
