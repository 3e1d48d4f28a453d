import type { Extension } from '@hocuspocus/server';
import { commentsExtension } from '../comments/comments-extension.ts';
import type { DocsService } from '../docs-api/docs-service.ts';
import type { Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { notificationRoutes } from './notification-routes.ts';
import { Notifier } from './notifier.ts';
import { watchShares } from './share-watch.ts';
import { webhookRoutes } from './webhook-routes.ts';

export type { NotifyInput } from './notifier.ts';
export type { NotificationKind, NotificationView } from './notification-store.ts';
export { Notifier } from './notifier.ts';

/** Comments on the socket, the inbox, webhooks and emails, wired to the relay. */
export interface NotificationsService {
  /** Other modules raise notifications through this (`notify`, `notifyDocMembers`, `versionSaved`). */
  notifier: Notifier;
  /** The Hocuspocus extension; it must come before the durable log in the extension list. */
  extension: Extension;
  routes: Route[];
}

export function createNotifications(
  ctx: RelayContext,
  docs: Pick<DocsService, 'roleFor'>,
): NotificationsService {
  const notifier = new Notifier(ctx);
  watchShares(ctx, notifier);
  return {
    notifier,
    extension: commentsExtension(notifier, ctx.log),
    routes: [...notificationRoutes(notifier), ...webhookRoutes(ctx, docs)],
  };
}
