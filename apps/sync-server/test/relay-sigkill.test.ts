import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from './harness.ts';
import { spawnRelay, type RelayProcess } from './relay-process.ts';

/**
 * The durability promise: an update the relay acknowledged survives a SIGKILL at any moment. Three
 * writers stream edits and record which ones the relay acknowledged. The relay is killed mid-stream,
 * restarted on the same data, and a fresh client must see every acknowledged edit.
 */
const dir = mkdtempSync(join(tmpdir(), 'facet-sigkill-'));
let relay: RelayProcess | undefined;
afterAll(async () => {
  await relay?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function post(
  url: string,
  path: string,
  json: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function signIn(url: string): Promise<string> {
  const body = await post(url, '/api/auth/login', {
    email: 'kill@example.com',
    password: 'correct horse battery staple',
  });
  return body.accessToken as string;
}

describe('SIGKILL', () => {
  it('loses no acknowledged update, at several kill points', async () => {
    relay = await spawnRelay(['--data', dir, '--public-url', 'http://relay.test']);
    await post(relay.url, '/api/auth/register', {
      email: 'kill@example.com',
      password: 'correct horse battery staple',
      name: 'K',
    });
    const docId = (await post(relay.url, '/api/docs', { name: 'durable' }, await signIn(relay.url)))
      .id as string;

    const acked = new Set<string>();
    for (const [round, killAfterMs] of [150, 400, 900].entries()) {
      const writers: TestClient[] = [];
      const roundToken = await signIn(relay.url);
      for (let w = 0; w < 3; w++) writers.push(await connectClient(relay.wsUrl, docId, roundToken));
      let stop = false;
      const streams = writers.map(async (client, w) => {
        const items = client.doc.getMap<number>('items');
        // The relay acknowledges a connection's updates in order, one each: with `unsyncedChanges`
        // still waiting, the first (written - unsynced) edits are the acknowledged ones.
        const written: string[] = [];
        client.provider.on('unsyncedChanges', () => {
          const ackedCount = written.length - client.provider.unsyncedChanges;
          for (let k = 0; k < ackedCount; k++) acked.add(written[k]!);
        });
        for (let i = 0; !stop; i++) {
          const key = `r${round}-w${w}-${i}`;
          written.push(key);
          items.set(key, i);
          await new Promise((r) => setTimeout(r, Math.random() * 2));
        }
      });
      await new Promise((r) => setTimeout(r, killAfterMs));
      await relay.kill('SIGKILL');
      stop = true;
      await Promise.all(streams);
      for (const client of writers) client.destroy();

      relay = await spawnRelay(['--data', dir, '--public-url', 'http://relay.test']);
      const reader = await connectClient(relay.wsUrl, docId, await signIn(relay.url), new Y.Doc());
      const present = new Set(reader.doc.getMap('items').keys());
      const lost = [...acked].filter((k) => !present.has(k));
      expect(lost).toEqual([]);
      expect(acked.size).toBeGreaterThan(round * 10);
      console.log(
        `round ${round}: killed after ${killAfterMs} ms; ${acked.size} acknowledged edits so far, ${present.size} stored, none lost`,
      );
      reader.destroy();
    }
  });
});
