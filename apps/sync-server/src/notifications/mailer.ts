import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { SmtpConfig } from '../config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends notification emails through the configured SMTP server. A failed send is logged, never thrown. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly smtp: SmtpConfig,
    private readonly log: Logger,
  ) {
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(mail: Mail): Promise<boolean> {
    try {
      // Subjects come from document and user names: keep them on one line (nodemailer encodes the rest).
      await this.transport.sendMail({
        from: this.smtp.from,
        to: mail.to,
        subject: mail.subject.replace(/[\r\n]+/g, ' ').slice(0, 200),
        text: mail.text,
      });
      return true;
    } catch (error) {
      this.log.warn({ err: error, host: this.smtp.host }, 'notification email failed');
      return false;
    }
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * Reads `smtp://user:pass@host:port?from=Facet%20<facet@example.com>` (or `smtps://` for TLS from the
 * first byte). Throws a readable error for anything else.
 */
export function parseSmtpUrl(raw: string): SmtpConfig {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The SMTP URL "${raw}" is not a URL (smtp://user:pass@host:587?from=...).`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('The SMTP URL must start with smtp:// or smtps://.');
  if (!url.hostname) throw new Error('The SMTP URL needs a host.');
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const from = url.searchParams.get('from') ?? `Facet <facet@${url.hostname}>`;
  return {
    host: url.hostname,
    port,
    secure,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { pass: decodeURIComponent(url.password) } : {}),
    from,
  };
}
