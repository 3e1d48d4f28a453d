import { parseArgs } from 'node:util';
import { relayConfig, type OidcProviderConfig, type SmtpConfig } from './config.ts';
import { parseSmtpUrl } from './notifications/mailer.ts';
import { startRelay } from './relay.ts';

const USAGE = `Usage: npm run relay -- [--port 4455] [--host 127.0.0.1] [--data ./relay-data]
                         [--postgres URL] [--redis URL] [--public-url URL] [--fsync] [--log-level info]
                         [--smtp smtp://user:pass@host:587?from=Facet%20<facet@example.com>]
Environment: FACET_RELAY_JWT_SECRET (token signing secret; default: generated once, kept in the store),
             FACET_RELAY_OIDC (JSON: [{"id","issuer","clientId","clientSecret"}]),
             FACET_RELAY_SMTP (the --smtp URL; keeps the password out of the process list)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function oidcFromEnv(): OidcProviderConfig[] {
  const raw = process.env.FACET_RELAY_OIDC;
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as OidcProviderConfig[];
    if (
      !Array.isArray(list) ||
      !list.every(
        (p) =>
          p && typeof p.id === 'string' && typeof p.issuer === 'string' && typeof p.clientId === 'string',
      )
    ) {
      throw new Error('shape');
    }
    return list;
  } catch {
    return fail('FACET_RELAY_OIDC must be a JSON array of {id, issuer, clientId, clientSecret}.');
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        postgres: { type: 'string' },
        redis: { type: 'string' },
        'public-url': { type: 'string' },
        fsync: { type: 'boolean' },
        'log-level': { type: 'string' },
        smtp: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 4455 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a port number, not "${values.port}".`);
  let smtp: SmtpConfig | undefined;
  const smtpUrl = values.smtp ?? process.env.FACET_RELAY_SMTP;
  try {
    smtp = smtpUrl ? parseSmtpUrl(smtpUrl) : undefined;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const relay = await startRelay(
    relayConfig({
      port,
      host: values.host ?? '127.0.0.1',
      dataDir: values.data ?? './relay-data',
      postgresUrl: values.postgres,
      redisUrl: values.redis,
      publicUrl: values['public-url'],
      fsync: values.fsync ?? false,
      logLevel: values['log-level'] ?? 'info',
      jwtSecret: process.env.FACET_RELAY_JWT_SECRET || undefined,
      oidc: oidcFromEnv(),
      smtp,
    }),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The relay could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
