import type { RelayContext } from '../relay-context.ts';
import { LivePush } from './live-push.ts';
import { Mailer } from './mailer.ts';
import { type NotificationKind, NotificationStore, type NotificationView } from './notification-store.ts';
import { type WebhookEvent, WebhookSender } from './webhooks.ts';

/** What a module hands to {@link Notifier.notify}: one notification for each of `userIds`. */
export interface NotifyInput {
  kind: NotificationKind;
  userIds: readonly string[];
  docId?: string;
  /** Who caused it; never notified about their own action. */
  actorId?: string;
  title: string;
  body?: string;
  data?: Record<string, unknown>;
  /** Makes the notification idempotent per user (the user id is appended): relays sharing a store, retries. */
  dedupeKey?: string;
}

/** Kinds that also go out by email when SMTP is configured and the user has not turned email off. */
const EMAIL_KINDS: ReadonlySet<NotificationKind> = new Set(['mention', 'reply', 'share']);
const DEFAULT_RETRY_MS = [1000, 10_000, 60_000];

/**
 * The one place notifications are created: the inbox row (deduplicated), a live push to the user's open
 * connections on this relay, and an email where wanted. Other modules call `notify` (a failed import,
 * a finished job) or `notifyDocMembers` (a saved version).
 */
export class Notifier {
  readonly store: NotificationStore;
  readonly live = new LivePush();
  readonly webhooks: WebhookSender;
  private readonly mailer: Mailer | null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly ctx: RelayContext) {
    this.store = new NotificationStore(ctx.db, () => ctx.now());
    this.webhooks = new WebhookSender(ctx.db, ctx.log, ctx.config.webhookRetryMs ?? DEFAULT_RETRY_MS, () =>
      ctx.now(),
    );
    this.mailer = ctx.config.smtp ? new Mailer(ctx.config.smtp, ctx.log) : null;
  }

  get emailAvailable(): boolean {
    return this.mailer !== null;
  }

  /** Creates the notifications; returns those that are new (a repeated dedupe key creates nothing). */
  async notify(input: NotifyInput): Promise<NotificationView[]> {
    const created: NotificationView[] = [];
    for (const userId of new Set(input.userIds)) {
      if (userId === input.actorId) continue;
      const view = await this.store.insert({
        userId,
        kind: input.kind,
        docId: input.docId ?? null,
        actorId: input.actorId ?? null,
        title: input.title,
        body: input.body ?? '',
        data: input.data ?? {},
        ...(input.dedupeKey ? { dedupeKey: `${input.dedupeKey}:${userId}` } : {}),
      });
      if (!view) continue;
      created.push(view);
      if (this.live.connected(userId)) this.live.push(userId, view, await this.store.unreadCount(userId));
      if (this.mailer && EMAIL_KINDS.has(view.kind)) this.track(this.email(userId, view));
    }
    return created;
  }

  /** Notifies everyone who can read the document (members and its teams' members), except the actor. */
  async notifyDocMembers(
    docId: string,
    input: Omit<NotifyInput, 'userIds' | 'docId'>,
  ): Promise<NotificationView[]> {
    return this.notify({ ...input, docId, userIds: await this.readers(docId) });
  }

  /** A new version was saved: members are told, and the document's webhook if it wants `version`. */
  async versionSaved(docId: string, version: { id: string; name: string; actorId?: string }): Promise<void> {
    const doc = await this.docName(docId);
    const title = `New version of “${doc}”: ${version.name}`;
    await this.notifyDocMembers(docId, {
      kind: 'version',
      ...(version.actorId ? { actorId: version.actorId } : {}),
      title,
      data: { versionId: version.id },
      dedupeKey: `version:${version.id}`,
    });
    await this.webhook(docId, 'version', `version:${version.id}`, title, {
      versionId: version.id,
      name: version.name,
    });
  }

  /** Queues a webhook delivery for the document (deduplicated by `eventKey`). */
  webhook(
    docId: string,
    event: WebhookEvent,
    eventKey: string,
    text: string,
    facet: Record<string, unknown>,
  ): Promise<void> {
    return this.webhooks.emit(docId, event, eventKey, text, facet);
  }

  /** User ids who can read the document. */
  async readers(docId: string): Promise<string[]> {
    const rows = await this.ctx.db.all<{ user_id: string }>(
      `SELECT m.user_id FROM doc_members m JOIN docs d ON d.id = m.doc_id WHERE m.doc_id = ? AND d.deleted_at IS NULL
       UNION
       SELECT tm.user_id FROM doc_teams dt JOIN team_members tm ON tm.team_id = dt.team_id
         JOIN docs d ON d.id = dt.doc_id WHERE dt.doc_id = ? AND d.deleted_at IS NULL`,
      [docId, docId],
    );
    return rows.map((r) => r.user_id);
  }

  async docName(docId: string): Promise<string> {
    const row = await this.ctx.db.get<{ name: string }>('SELECT name FROM docs WHERE id = ?', [docId]);
    return row?.name ?? 'a canvas';
  }

  async userName(userId: string): Promise<string> {
    const row = await this.ctx.db.get<{ name: string }>('SELECT name FROM users WHERE id = ?', [userId]);
    return row?.name ?? 'Someone';
  }

  /** Waits for emails being sent, stops webhook retries and closes the SMTP pool. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.webhooks.close();
    this.mailer?.close();
  }

  /** Resolves once notification work started so far (emails) has finished; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      this.ctx.log.warn({ err: error }, 'notification side effect'),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private async email(userId: string, view: NotificationView): Promise<void> {
    if (!(await this.store.emailEnabled(userId))) return;
    const user = await this.ctx.db.get<{ email: string }>('SELECT email FROM users WHERE id = ?', [userId]);
    if (!user) return;
    const text = `${view.title}${view.body ? `\n\n${view.body}` : ''}\n\nOpen the canvas in Facet to reply. Turn these emails off in Facet's notification settings.`;
    await this.mailer!.send({ to: user.email, subject: view.title, text });
  }
}
