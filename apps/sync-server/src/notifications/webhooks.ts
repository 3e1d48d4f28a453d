import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/db.ts';

/** Events a document's webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['comment', 'mention', 'version', 'share', 'failure'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const SIGNATURE_HEADER = 'x-facet-signature';
export const TIMESTAMP_HEADER = 'x-facet-timestamp';

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`. The timestamp (ms) is signed with the
 * body, so a receiver that refuses old timestamps stops replays of captured deliveries.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Whether a webhook URL is acceptable: http(s), no credentials in it. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The webhook URL is not a URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'The webhook URL must be http:// or https://.';
  if (url.username || url.password)
    return 'Put no credentials in the webhook URL; use the secret to verify calls.';
  return null;
}

type Hook = { url: string; secret: string; events: string };

/** The outcome of one attempt: delivered, worth retrying, or failed for good. */
type Attempt = {
  status: 'delivered' | 'retry' | 'failed';
  responseStatus: number | null;
  error: string | null;
};

/**
 * Delivers document events to the document's webhook: Slack/Teams-compatible JSON (`text`) plus a
 * structured `facet` field, signed, never following redirects, retried with the configured backoff,
 * every attempt recorded in `webhook_deliveries`. An event key is delivered once per document, even
 * when several relays observe the same event.
 */
export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly retryMs: readonly number[],
    private readonly now: () => number,
  ) {}

  /** Queues a delivery if the document has a webhook for `event`; resolves once it is recorded. */
  async emit(
    docId: string,
    event: WebhookEvent,
    eventKey: string,
    text: string,
    facet: Record<string, unknown>,
  ): Promise<void> {
    if (this.closed) return;
    const hook = await this.db.get<Hook>('SELECT url, secret, events FROM doc_webhooks WHERE doc_id = ?', [
      docId,
    ]);
    if (!hook || !(JSON.parse(hook.events) as string[]).includes(event)) return;
    const id = randomUUID();
    const at = this.now();
    const added = await this.db.run(
      `INSERT INTO webhook_deliveries (id, doc_id, event, event_key, url, status, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (doc_id, event_key) DO NOTHING`,
      [id, docId, event, eventKey, hook.url, at, at],
    );
    if (added === 0) return;
    // Slack reads <, > and & in `text` as markup; escaped, names and comments show as written.
    const slackText = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const body = JSON.stringify({ text: slackText, facet: { event, docId, deliveryId: id, at, ...facet } });
    this.track(this.attempt(id, hook, event, body, 0));
  }

  /** Stops retrying; deliveries still waiting are recorded as failed. Waits for attempts under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
    await this.db.run(
      `UPDATE webhook_deliveries SET status = 'failed', error = 'the relay stopped before the next retry'
         WHERE status = 'pending' AND attempts > 0`,
    );
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log.warn({ err: error }, 'webhook delivery'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async attempt(id: string, hook: Hook, event: string, body: string, done: number): Promise<void> {
    const result = await this.post(hook, id, event, body);
    const last = result.status === 'retry' && done >= this.retryMs.length;
    const status = result.status === 'retry' ? (last || this.closed ? 'failed' : 'pending') : result.status;
    await this.db.run(
      `UPDATE webhook_deliveries SET status = ?, attempts = ?, response_status = ?, error = ?, updated_at = ?
         WHERE id = ?`,
      [status, done + 1, result.responseStatus, result.error, this.now(), id],
    );
    if (status !== 'pending') return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.attempt(id, hook, event, body, done + 1));
    }, this.retryMs[done]);
    this.timers.add(timer);
  }

  private async post(hook: Hook, id: string, event: string, body: string): Promise<Attempt> {
    const timestamp = String(this.now());
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facet-relay-webhooks',
          'x-facet-event': event,
          'x-facet-delivery': id,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signDelivery(hook.secret, timestamp, body),
        },
        body,
      });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300)
        return { status: 'delivered', responseStatus: res.status, error: null };
      if (res.status >= 300 && res.status < 400)
        return { status: 'failed', responseStatus: res.status, error: 'redirects are not followed' };
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      return { status: retry ? 'retry' : 'failed', responseStatus: res.status, error: `HTTP ${res.status}` };
    } catch (error) {
      const message =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      return { status: 'retry', responseStatus: null, error: message.slice(0, 500) };
    }
  }
}
