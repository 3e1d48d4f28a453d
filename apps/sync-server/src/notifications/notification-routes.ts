import { z } from 'zod';
import { caller } from '../docs-api/access.ts';
import { route, type Route } from '../http/router.ts';
import { NOTIFICATION_KINDS } from './notification-store.ts';
import type { Notifier } from './notifier.ts';

const notificationView = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  docId: z.string().nullable(),
  actorId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const settingsView = z.object({
  email: z.boolean(),
  /** Whether this relay has SMTP configured at all. */
  emailAvailable: z.boolean(),
});

/** The in-app inbox (`/api/notifications`) and the user's notification settings. */
export function notificationRoutes(notifier: Notifier): Route[] {
  const { store } = notifier;
  const settings = async (userId: string) => ({
    email: await store.emailEnabled(userId),
    emailAvailable: notifier.emailAvailable,
  });
  return [
    route({
      method: 'GET',
      path: '/api/notifications',
      summary: 'Your notifications, newest first, with the unread count (?unread=1 for unread only)',
      tag: 'notifications',
      auth: 'user',
      query: z.object({
        unread: flag.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        /** A createdAt from the previous page: only older notifications. */
        before: z.coerce.number().int().positive().optional(),
      }),
      response: z.object({ notifications: z.array(notificationView), unread: z.number() }),
      handler: async ({ principal, query }) => {
        const me = caller(principal, 'docs:read');
        const notifications = await store.list(me.userId, {
          unreadOnly: query.unread ?? false,
          limit: query.limit,
          ...(query.before !== undefined ? { before: query.before } : {}),
        });
        return { notifications, unread: await store.unreadCount(me.userId) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/notifications/read',
      summary: 'Marks notifications read: {ids: [...]} or {all: true}',
      tag: 'notifications',
      auth: 'user',
      body: z.union([
        z
          .object({
            ids: z
              .array(z.string().regex(/^[\x21-\x7e]{1,128}$/, 'not an id'))
              .min(1)
              .max(500),
          })
          .strict(),
        z.object({ all: z.literal(true) }).strict(),
      ]),
      response: z.object({ updated: z.number(), unread: z.number() }),
      handler: async ({ principal, body }) => {
        const me = caller(principal, 'docs:read');
        const updated = await store.markRead(me.userId, 'all' in body ? 'all' : body.ids);
        return { updated, unread: await store.unreadCount(me.userId) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/me/notification-settings',
      summary: 'Your notification settings',
      tag: 'notifications',
      auth: 'user',
      response: settingsView,
      handler: async ({ principal }) => settings(caller(principal, 'account').userId),
    }),
    route({
      method: 'PATCH',
      path: '/api/me/notification-settings',
      summary: 'Turns notification emails (mentions, replies, shares) on or off',
      tag: 'notifications',
      auth: 'user',
      body: z.object({ email: z.boolean() }).strict(),
      response: settingsView,
      handler: async ({ principal, body }) => {
        const me = caller(principal, 'account');
        await store.setEmail(me.userId, body.email);
        return settings(me.userId);
      },
    }),
  ];
}
