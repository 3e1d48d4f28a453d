import type { Connection } from '@hocuspocus/server';
import type { NotificationView } from './notification-store.ts';

/** The stateless message a client receives when a notification arrives for its user. */
export interface NotificationPush {
  type: 'facet:notification';
  notification: NotificationView;
  unread: number;
}

/**
 * Pushes new notifications to the user's open document connections on this relay, as Hocuspocus
 * stateless messages. A user with several documents open gets the message once per document
 * connection, so clients dedupe by notification id. Connections on other relays are not reached:
 * clients read `GET /api/notifications?unread=1` when they (re)connect.
 */
export class LivePush {
  private readonly byUser = new Map<string, Set<Connection>>();

  add(userId: string, connection: Connection): () => void {
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(connection);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.byUser.get(userId) === set) this.byUser.delete(userId);
    };
  }

  /** Sends to every open connection of the user; returns how many got it. */
  push(userId: string, notification: NotificationView, unread: number): number {
    const message: NotificationPush = { type: 'facet:notification', notification, unread };
    const text = JSON.stringify(message);
    let sent = 0;
    for (const connection of this.byUser.get(userId) ?? []) {
      try {
        connection.sendStateless(text);
        sent++;
      } catch {
        // A connection closing right now: the client reads its inbox on reconnect.
      }
    }
    return sent;
  }

  connected(userId: string): boolean {
    return this.byUser.has(userId);
  }
}
