import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayLimits } from '../src/config.ts';
import { startTestRelay, type TestRelay } from './harness.ts';
import { authFrame, closeCode, frame, openRaw, providerClosed, sendAll } from './relay-frames.ts';

const relays: TestRelay[] = [];
async function relayWith(limits: Partial<RelayLimits>): Promise<TestRelay> {
  const relay = await startTestRelay({ limits });
  relays.push(relay);
  return relay;
}
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

async function storedState(relay: TestRelay, docId: string): Promise<Uint8Array> {
  const stored = await relay.docLog.load(docId);
  const doc = new Y.Doc();
  for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(doc, part);
  return Y.encodeStateAsUpdate(doc);
}

async function refused(relay: TestRelay, code: number): Promise<number> {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`facet_relay_refused_total{code="${code}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('relay limits', () => {
  it('closes a connection that sends faster than the message rate with 4429', async () => {
    const relay = await relayWith({ messagesPerSecond: 5, messageBurst: 20 });
    const alice = await relay.signUp('rate');
    const docId = await relay.createDoc(alice.token);
    const client = await relay.connect(docId, alice.token);
    const closed = providerClosed(client.socket);
    // Each transaction is one update message; 200 in one go is far past a burst of 20.
    for (let i = 0; i < 200; i++) client.doc.getArray('n').push([i]);
    expect(await closed).toEqual({ code: 4429, reason: 'rate-limited' });
    client.destroy();

    // Within the rate, the same client is fine (only the flood was refused).
    const calm = await relay.connect(docId, alice.token);
    calm.doc.getText('t').insert(0, 'slow');
    await calm.settled();
    calm.destroy();
    expect(await refused(relay, 4429)).toBe(1);
  });

  it('refuses a raw flood at the first message past the burst', async () => {
    const relay = await relayWith({ messagesPerSecond: 1, messageBurst: 10 });
    const alice = await relay.signUp('flood');
    const docId = await relay.createDoc(alice.token);
    const socket = openRaw(relay.wsUrl);
    expect(await socket.opened).toBe(101);
    const query = frame((e) => {
      encoding.writeVarString(e, docId);
      encoding.writeVarUint(e, 3); // query awareness: well-formed and cheap
    });
    sendAll(socket.ws, [authFrame(docId, alice.token), ...Array<Uint8Array>(50).fill(query)]);
    expect(await closeCode(socket)).toBe(4429);
  });

  it('closes with 4413 an update that would take the document past its size limit, leaving it as it was', async () => {
    const relay = await relayWith({ maxDocBytes: 4096 });
    const alice = await relay.signUp('size');
    const docId = await relay.createDoc(alice.token);
    const writer = await relay.connect(docId, alice.token);
    writer.doc.getText('sql').insert(0, 'SELECT 42');
    await writer.settled();
    const before = await storedState(relay, docId);
    const watcher = await relay.connect(docId, alice.token);

    const closed = providerClosed(writer.socket);
    writer.doc.getText('sql').insert(0, 'x'.repeat(8000));
    expect(await closed).toEqual({ code: 4413, reason: 'document-too-large' });
    writer.destroy();

    expect(await storedState(relay, docId)).toEqual(before);
    expect(watcher.doc.getText('sql').toString()).toBe('SELECT 42');
    watcher.destroy();
    const fresh = await relay.connect(docId, alice.token);
    expect(Y.encodeStateAsUpdate(fresh.doc)).toEqual(before);
    // Small edits still fit.
    fresh.doc.getText('sql').insert(0, '-- ok\n');
    await fresh.settled();
    expect(new TextDecoder().decode(await storedState(relay, docId))).toContain('-- ok');
    fresh.destroy();
    expect(await refused(relay, 4413)).toBeGreaterThanOrEqual(1);
  });

  it('answers an upgrade past the connection rate per IP with HTTP 429', async () => {
    const relay = await relayWith({ connectionsPerMinutePerIp: 5 });
    const sockets = Array.from({ length: 8 }, () => openRaw(relay.wsUrl));
    const statuses = await Promise.all(sockets.map((s) => s.opened));
    expect(statuses.filter((s) => s === 101)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    for (const s of sockets) s.ws.terminate();
    // REST is not affected by the WebSocket connection rate.
    expect((await fetch(`${relay.url}/health`)).status).toBe(200);
    expect(await refused(relay, 429)).toBe(3);
  });

  it('answers an upgrade on an unknown path with 404', async () => {
    const relay = await relayWith({});
    for (const path of ['/nope', '/yjs', '/yjs/a/b', '/api/docs']) {
      const socket = openRaw(`${relay.wsUrl}${path}`);
      expect(await socket.opened, path).toBe(404);
    }
    // The documented paths still upgrade.
    for (const path of ['/', '/yjs/some-doc?token=x']) {
      const socket = openRaw(`${relay.wsUrl}${path}`);
      expect(await socket.opened, path).toBe(101);
      socket.ws.terminate();
    }
  });
});
