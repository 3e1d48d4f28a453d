import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import type { Logger } from 'pino';
import type { AccessEvents, RelayContext } from '../relay-context.ts';

const CHANNEL = 'facet:access-events';
const NAMES = [
  'access-changed',
  'doc-deleted',
  'credential-revoked',
] as const satisfies readonly (keyof AccessEvents)[];

type Envelope = { from: string; name: keyof AccessEvents; payload: unknown };

/**
 * Carries access events (member removed, session revoked, document deleted) between relays that share
 * documents through Redis, so a change made through one relay closes the affected connections on all.
 */
export async function bridgeAccessEvents(
  ctx: RelayContext,
  redisUrl: string,
  log: Logger,
): Promise<() => Promise<void>> {
  const self = randomUUID();
  const pub = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  for (const client of [pub, sub])
    client.on('error', (error: Error) => log.warn({ err: error }, 'redis (access events)'));
  await Promise.all([pub.connect(), sub.connect()]);
  let relaying = false;

  const listeners = NAMES.map((name) => {
    const listener = (payload: unknown) => {
      if (relaying) return;
      void pub
        .publish(CHANNEL, JSON.stringify({ from: self, name, payload } satisfies Envelope))
        .catch(() => undefined);
    };
    ctx.events.on(name, listener);
    return [name, listener] as const;
  });

  sub.on('message', (_channel: string, raw: string) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (envelope.from === self || !NAMES.includes(envelope.name)) return;
    relaying = true;
    try {
      (ctx.events.emit as (name: string, payload: unknown) => boolean)(envelope.name, envelope.payload);
    } finally {
      relaying = false;
    }
  });
  await sub.subscribe(CHANNEL);

  return async () => {
    for (const [name, listener] of listeners) ctx.events.off(name, listener);
    await Promise.all([sub.quit().catch(() => undefined), pub.quit().catch(() => undefined)]);
  };
}
