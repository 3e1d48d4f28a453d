import type { AddressInfo } from 'node:net';
import { CanvasDoc, mentionToken } from '@facet/engine/common';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSmtpUrl } from '../src/notifications/mailer.ts';
import { startTestRelay, type TestRelay } from './harness.ts';

/**
 * Notification emails through a real SMTP server (smtp-server on loopback, with a login the relay must
 * use), parsed on arrival: mentions, replies and shares go out; the per-user setting turns them off.
 */

type Mail = { from: string; to: string[]; headers: Map<string, string>; text: string };

let smtp: SMTPServer;
let relay: TestRelay;
const inbox: Mail[] = [];

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parseMail(raw: string, from: string, to: string[]): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { from, to, headers, text: body };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'relay' && auth.password === 's3cret') callback(null, { user: 'relay' });
      else callback(new Error('bad login'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = session.envelope;
        inbox.push(
          parseMail(
            Buffer.concat(chunks).toString('latin1'),
            envelope.mailFrom ? envelope.mailFrom.address : '',
            envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as AddressInfo).port;
  relay = await startTestRelay({
    smtp: parseSmtpUrl(
      `smtp://relay:s3cret@127.0.0.1:${port}?from=${encodeURIComponent('Facet <facet@example.test>')}`,
    ),
  });
});
afterAll(async () => {
  await relay.stop();
  await new Promise<void>((r) => smtp.close(r));
});

describe('notification emails', () => {
  it('sends share, mention and reply emails; the setting turns them off', async () => {
    const owner = await relay.signUp('Zoe');
    const member = await relay.signUp('Max');
    const docId = await relay.createDoc(owner.token, 'Plan “Ω”');
    await relay.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: member.email, role: 'commenter' },
    });
    await expect.poll(() => inbox.filter((m) => m.to.includes(member.email)).length).toBe(1);
    const share = inbox.find((m) => m.to.includes(member.email))!;
    expect(share.from).toBe('facet@example.test');
    expect(share.headers.get('subject')).toBe('Zoe shared “Plan “Ω”” with you');
    expect(share.text).toContain('You were added as commenter.');

    const settings = await relay.api('GET', '/api/me/notification-settings', { token: member.token });
    expect(settings.body).toEqual({ email: true, emailAvailable: true });

    const o = await relay.connect(docId, owner.token);
    const canvas = new CanvasDoc(o.doc);
    const block = canvas.add('text', { text: 'x' });
    const thread = canvas.commentStore.add(
      { blockId: block },
      owner.userId,
      `Thoughts, ${mentionToken('Max', member.userId)}?`,
    );
    await o.settled();
    await expect.poll(() => inbox.filter((m) => m.to.includes(member.email)).length).toBe(2);
    const mention = inbox.filter((m) => m.to.includes(member.email))[1]!;
    expect(mention.headers.get('subject')).toBe('Zoe mentioned you in “Plan “Ω””');
    expect(mention.text).toContain('Thoughts, @Max?');

    const m = await relay.connect(docId, member.token);
    new CanvasDoc(m.doc).commentStore.reply(thread, member.userId, 'Looks good ✔');
    await m.settled();
    await expect.poll(() => inbox.filter((x) => x.to.includes(owner.email)).length).toBe(1);
    expect(inbox.find((x) => x.to.includes(owner.email))!.headers.get('subject')).toBe(
      'Max replied in “Plan “Ω””',
    );

    // Turned off: the inbox still gets the notification, the mailbox does not.
    const off = await relay.api('PATCH', '/api/me/notification-settings', {
      token: owner.token,
      json: { email: false },
    });
    expect(off.body).toEqual({ email: false, emailAvailable: true });
    new CanvasDoc(m.doc).commentStore.reply(thread, member.userId, 'One more thing');
    await m.settled();
    await expect
      .poll(
        async () =>
          ((await relay.api('GET', '/api/notifications', { token: owner.token })).body as { unread: number })
            .unread,
      )
      .toBe(2);
    await relay.notifier.idle();
    expect(inbox.filter((x) => x.to.includes(owner.email))).toHaveLength(1);
    o.destroy();
    m.destroy();
  });

  it('reads SMTP URLs and refuses others', () => {
    expect(parseSmtpUrl('smtps://a%40b:p%3Aw@mail.example.com?from=x%40y.z')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      user: 'a@b',
      pass: 'p:w',
      from: 'x@y.z',
    });
    expect(parseSmtpUrl('smtp://mail.example.com').port).toBe(587);
    expect(() => parseSmtpUrl('http://mail.example.com')).toThrow(/smtp:\/\//);
    expect(() => parseSmtpUrl('nonsense')).toThrow(/not a URL/);
  });
});
