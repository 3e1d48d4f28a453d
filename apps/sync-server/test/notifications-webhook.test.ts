import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CanvasDoc, mentionToken } from '@facet/engine/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';

/**
 * Per-document webhooks against a real local HTTP receiver that verifies each signature the way a
 * receiver should (HMAC over `<timestamp>.<raw body>`, fresh timestamps only), answers with scripted
 * statuses to exercise retries, and redirects to check they are not followed.
 */

type Received = {
  path: string;
  body: { text: string; facet: Record<string, unknown> };
  raw: string;
  timestamp: string;
  signature: string;
  verified: boolean;
  delivery: string;
};

let relay: TestRelay;
let receiver: Server;
let base: string;
const received: Received[] = [];
/** Statuses to answer with, per path, in order; 204 when the script runs out. */
const script = new Map<string, number[]>();
const SECRET = 'a-shared-secret-of-32-characters';

function verify(secret: string, timestamp: string, raw: string, header: string): boolean {
  if (Math.abs(Date.now() - Number(timestamp)) > 5 * 60_000) return false;
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`,
  );
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const status = script.get(path)?.shift() ?? 204;
      if (status === 302) {
        res.writeHead(302, { location: `${base}/redirected` }).end();
      } else {
        received.push({
          path,
          body: JSON.parse(raw) as Received['body'],
          raw,
          timestamp: String(req.headers['x-facet-timestamp']),
          signature: String(req.headers['x-facet-signature']),
          verified: verify(
            SECRET,
            String(req.headers['x-facet-timestamp']),
            raw,
            String(req.headers['x-facet-signature']),
          ),
          delivery: String(req.headers['x-facet-delivery']),
        });
        res.writeHead(status).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  relay = await startTestRelay({ webhookRetryMs: [50, 100] });
});
afterAll(async () => {
  await relay.stop();
  await new Promise((r) => receiver.close(r));
});

type Delivery = {
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
};

async function deliveries(token: string, docId: string): Promise<Delivery[]> {
  const res = await relay.api('GET', `/api/docs/${docId}/webhook/deliveries`, { token });
  expect(res.status).toBe(200);
  return (res.body as { deliveries: Delivery[] }).deliveries;
}

describe('document webhooks', () => {
  it('delivers signed Slack-compatible JSON for comments and mentions, retrying a 500', async () => {
    const owner = await relay.signUp('Wanda');
    const docId = await relay.createDoc(owner.token, 'Budget <2025> & more');
    const put = await relay.api('PUT', `/api/docs/${docId}/webhook`, {
      token: owner.token,
      json: { url: `${base}/slack`, secret: SECRET, events: ['comment', 'mention'] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ url: `${base}/slack`, events: ['comment', 'mention'], secret: SECRET });
    const got = await relay.api('GET', `/api/docs/${docId}/webhook`, { token: owner.token });
    expect(got.body).not.toHaveProperty('secret');
    script.set('/slack', [500]);

    const client = await relay.connect(docId, owner.token);
    const canvas = new CanvasDoc(client.doc);
    const block = canvas.add('text', { text: 'x' });
    canvas.addComment({
      blockId: block,
      author: owner.userId,
      text: `Check ${mentionToken('Wanda', owner.userId)} <now>`,
    });
    await client.settled();
    client.destroy();

    // The first attempt got a 500; the retry, the same signed delivery, got through.
    await expect.poll(() => received.filter((r) => r.path === '/slack').length).toBe(2);
    const [first, hit] = received.filter((r) => r.path === '/slack');
    expect([first!.verified, hit!.verified]).toEqual([true, true]);
    expect(hit!.delivery).toBe(first!.delivery);
    // The check the receiver makes does catch a changed body, a changed timestamp and a stale one.
    expect(verify(SECRET, hit!.timestamp, hit!.raw.replace('Wanda', 'Eve'), hit!.signature)).toBe(false);
    expect(verify(SECRET, String(Number(hit!.timestamp) + 1), hit!.raw, hit!.signature)).toBe(false);
    expect(verify('another-secret', hit!.timestamp, hit!.raw, hit!.signature)).toBe(false);
    expect(hit!.body.text).toBe(
      'Wanda commented on “Budget &lt;2025&gt; &amp; more”: Check @Wanda &lt;now&gt;',
    );
    expect(hit!.body.facet).toMatchObject({
      event: 'comment',
      docId,
      docName: 'Budget <2025> & more',
      author: { name: 'Wanda' },
    });
    await expect.poll(async () => (await deliveries(owner.token, docId))[0]?.status).toBe('delivered');
    const log = await deliveries(owner.token, docId);
    // Mentioning oneself notifies no one, so there is no mention event; the comment took two attempts.
    expect(log).toEqual([
      expect.objectContaining({ event: 'comment', status: 'delivered', attempts: 2, responseStatus: 204 }),
    ]);
  });

  it('gives up after the bounded retries, does not follow redirects, and refuses bad URLs', async () => {
    const owner = await relay.signUp('Rex');
    const docId = await relay.createDoc(owner.token, 'Retries');
    await relay.api('PUT', `/api/docs/${docId}/webhook`, {
      token: owner.token,
      json: { url: `${base}/down`, secret: SECRET, events: ['version', 'failure'] },
    });
    script.set('/down', [503, 503, 503, 503]);
    await relay.notifier.webhook(docId, 'version', 'v-1', 'New version', {});
    await expect
      .poll(async () => (await deliveries(owner.token, docId))[0]?.status, { timeout: 5000 })
      .toBe('failed');
    expect((await deliveries(owner.token, docId))[0]).toMatchObject({ attempts: 3, responseStatus: 503 });
    // Event kinds the hook did not ask for are not sent.
    await relay.notifier.webhook(docId, 'comment', 'c-1', 'A comment', {});
    expect(await deliveries(owner.token, docId)).toHaveLength(1);

    await relay.api('PUT', `/api/docs/${docId}/webhook`, {
      token: owner.token,
      json: { url: `${base}/moved`, secret: SECRET, events: ['failure'] },
    });
    script.set('/moved', [302]);
    await relay.notifier.webhook(docId, 'failure', 'f-1', 'Refresh failed', {});
    await expect.poll(async () => (await deliveries(owner.token, docId))[0]?.status).toBe('failed');
    expect((await deliveries(owner.token, docId))[0]).toMatchObject({
      attempts: 1,
      responseStatus: 302,
      error: 'redirects are not followed',
    });
    expect(received.some((r) => r.path === '/redirected')).toBe(false);

    for (const url of [
      'ftp://example.com/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      'http://user:pw@example.com/',
    ]) {
      const res = await relay.api('PUT', `/api/docs/${docId}/webhook`, {
        token: owner.token,
        json: { url, events: ['comment'] },
      });
      expect(res.status, url).toBe(400);
    }
    // Without a secret, one is generated and shown once.
    const gen = await relay.api('PUT', `/api/docs/${docId}/webhook`, {
      token: owner.token,
      json: { url: `${base}/x`, events: ['comment'] },
    });
    expect((gen.body as { secret: string }).secret).toMatch(/^[\w-]{43}$/);
    expect((await relay.api('DELETE', `/api/docs/${docId}/webhook`, { token: owner.token })).status).toBe(
      204,
    );
    expect((await relay.api('GET', `/api/docs/${docId}/webhook`, { token: owner.token })).status).toBe(404);
  });

  it('only the owner manages it; hostile input gets 4xx', async () => {
    const owner = await relay.signUp('Hank');
    const editor = await relay.signUp('Ed');
    const stranger = await relay.signUp('Sly');
    const docId = await relay.createDoc(owner.token, 'Owned');
    await relay.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: editor.email, role: 'editor' },
    });
    const body = { url: `${base}/x`, events: ['comment'] };
    expect(
      (await relay.api('PUT', `/api/docs/${docId}/webhook`, { token: editor.token, json: body })).status,
    ).toBe(403);
    expect(
      (await relay.api('GET', `/api/docs/${docId}/webhook/deliveries`, { token: editor.token })).status,
    ).toBe(403);
    expect(
      (await relay.api('PUT', `/api/docs/${docId}/webhook`, { token: stranger.token, json: body })).status,
    ).toBe(404);
    expect((await relay.api('DELETE', `/api/docs/${docId}/webhook`, { token: owner.token })).status).toBe(
      404,
    );
    const hostile: unknown[] = [
      { url: `${base}/x`, events: [] },
      { url: `${base}/x`, events: ['everything'] },
      { url: `${base}/x`, events: 'comment' },
      { url: 42, events: ['comment'] },
      { url: `${base}/${'x'.repeat(3000)}`, events: ['comment'] },
      { url: `${base}/x`, events: ['comment'], secret: 'short' },
      { url: `${base}/x`, events: ['comment'], secret: 'ünïcödé-secret-long-enough' },
      { url: `${base}/x`, events: ['comment'], secret: `${'a'.repeat(20)}\u0000` },
      { url: `${base}/x`, events: ['comment'], extra: true },
      [],
      null,
    ];
    for (const json of hostile) {
      const res = await relay.api('PUT', `/api/docs/${docId}/webhook`, { token: owner.token, json });
      expect(res.status, JSON.stringify(json)?.slice(0, 80)).toBe(400);
    }
    for (const id of ['%00', 'x'.repeat(300), '🦄', '..%2F..']) {
      const res = await relay.api('PUT', `/api/docs/${id}/webhook`, { token: owner.token, json: body });
      expect(res.status).toBe(404);
    }
    expect(
      (await relay.api('GET', `/api/docs/${docId}/webhook/deliveries?limit=abc`, { token: owner.token }))
        .status,
    ).toBe(400);
  });
});
