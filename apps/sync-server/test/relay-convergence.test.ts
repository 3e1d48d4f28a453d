import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestRelay, type TestClient, type TestRelay } from './harness.ts';
import { NetworkLink } from './network-link.ts';
import { seeded } from './relay-frames.ts';

/**
 * Convergence fuzz: ten clients of one document make random edits while the network drops random
 * clients (they edit offline and come back through their own reconnect logic), and random groups are
 * partitioned from the relay together. Whatever the interleaving, once the network heals every client
 * (and a fresh one) holds the same document.
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const CLIENTS = 10;
const STEPS = 120;

function snapshot(doc: Y.Doc): string {
  return JSON.stringify({
    text: doc.getText('text').toString(),
    // Sorted: a Y.Map iterates in each client's own insertion order.
    map: Object.entries(doc.getMap('map').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    list: doc.getArray('list').toJSON(),
  });
}

function randomEdit(doc: Y.Doc, rand: () => number, tag: string): void {
  const pick = rand();
  if (pick < 0.35) {
    const text = doc.getText('text');
    if (rand() < 0.7 || text.length === 0) text.insert(Math.floor(rand() * (text.length + 1)), tag);
    else {
      const at = Math.floor(rand() * text.length);
      text.delete(at, Math.min(1 + Math.floor(rand() * 4), text.length - at));
    }
  } else if (pick < 0.65) {
    const map = doc.getMap('map');
    if (rand() < 0.8) map.set(`k${Math.floor(rand() * 12)}`, tag);
    else map.delete(`k${Math.floor(rand() * 12)}`);
  } else {
    const list = doc.getArray<string>('list');
    if (rand() < 0.75 || list.length === 0) list.insert(Math.floor(rand() * (list.length + 1)), [tag]);
    else list.delete(Math.floor(rand() * list.length), 1);
  }
}

let relay: TestRelay;
let token: string;
beforeAll(async () => {
  relay = await startTestRelay();
  token = (await relay.signUp('fuzz')).token;
});
afterAll(async () => {
  await relay.stop();
});

describe('convergence fuzz', () => {
  it.each(SEEDS)('seed %i: all clients end identical', async (seed) => {
    const rand = seeded(seed);
    const docId = await relay.createDoc(token, `fuzz ${seed}`);
    const links: NetworkLink[] = [];
    const clients: TestClient[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const link = new NetworkLink(relay.port);
      links.push(link);
      clients.push(await connectClient(await link.start(), docId, token));
    }

    for (let step = 0; step < STEPS; step++) {
      const roll = rand();
      if (roll < 0.05) {
        // Partition: a group loses the relay together, keeps editing, and comes back later.
        for (const link of links) if (rand() < 0.4) link.cut();
      } else if (roll < 0.15) {
        const link = links[Math.floor(rand() * CLIENTS)]!;
        if (link.isDown) link.heal();
        else link.cut();
      } else {
        const c = Math.floor(rand() * CLIENTS);
        randomEdit(clients[c]!.doc, rand, `${seed}.${step}.${c}`);
      }
      if (rand() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rand() * 20)));
    }

    for (const link of links) link.heal();
    const expected = () => snapshot(clients[0]!.doc);
    await expect
      .poll(
        () =>
          clients.every(
            (client) =>
              client.provider.isSynced &&
              client.provider.unsyncedChanges === 0 &&
              snapshot(client.doc) === expected(),
          ),
        { timeout: 30_000, interval: 50 },
      )
      .toBe(true);
    const fresh = await relay.connect(docId, token);
    expect(snapshot(fresh.doc)).toBe(expected());
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(clients[0]!.doc));
    for (const client of [...clients, fresh]) client.destroy();
    await Promise.all(links.map((link) => link.close()));
  });
});
