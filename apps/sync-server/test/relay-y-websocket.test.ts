import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WebSocketPolyfill } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startTestRelay, type TestRelay } from './harness.ts';
import { closeCode, openRaw, sendAll } from './relay-frames.ts';

/** A standard y-websocket client joins a document at `/yjs/<docId>?token=…`, beside Hocuspocus clients. */

let relay: TestRelay;
const providers: WebsocketProvider[] = [];
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await relay.stop();
});

function yws(docId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  const provider = new WebsocketProvider(`${relay.wsUrl}/yjs`, docId, doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof WebSocket,
    params: { token },
    disableBc: true,
  });
  providers.push(provider);
  return provider;
}

function synced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (provider.synced) return resolve();
    provider.once('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
  });
}

function firstClose(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    provider.once('connection-close', (event: { code: number; reason: string } | null) => {
      provider.destroy();
      resolve({ code: event?.code ?? -1, reason: event?.reason ?? '' });
    });
  });
}

describe('y-websocket clients on the relay', () => {
  it('converges with a Hocuspocus client both ways, awareness included', async () => {
    const alice = await relay.signUp('yws-alice');
    const docId = await relay.createDoc(alice.token);
    const hp = await relay.connect(docId, alice.token);
    hp.doc.getText('sql').insert(0, 'SELECT 1');
    await hp.settled();

    const y = yws(docId, alice.token);
    await synced(y);
    expect(y.doc.getText('sql').toString()).toBe('SELECT 1');

    // y-websocket → Hocuspocus, and into the store.
    y.doc.getMap('blocks').set('b1', 'from y-websocket');
    await expect.poll(() => hp.doc.getMap('blocks').get('b1')).toBe('from y-websocket');
    await expect
      .poll(async () => {
        const stored = await relay.docLog.load(docId);
        const check = new Y.Doc();
        for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(check, part);
        return check.getMap('blocks').get('b1');
      })
      .toBe('from y-websocket');

    // Hocuspocus → y-websocket.
    hp.doc.getText('sql').insert(8, ' + 1');
    await expect.poll(() => y.doc.getText('sql').toString()).toBe('SELECT 1 + 1');

    // Awareness both ways.
    y.awareness.setLocalStateField('user', { name: 'yws' });
    hp.provider.setAwarenessField('user', { name: 'hocuspocus' });
    const names = (states: Map<number, Record<string, unknown>>) =>
      [...states.values()].map((s) => (s.user as { name?: string } | undefined)?.name).sort();
    await expect.poll(() => names(hp.provider.awareness!.getStates())).toEqual(['hocuspocus', 'yws']);
    await expect.poll(() => names(y.awareness.getStates())).toEqual(['hocuspocus', 'yws']);

    // Both end identical.
    expect(Y.encodeStateVector(y.doc)).toEqual(Y.encodeStateVector(hp.doc));
    expect(y.doc.getMap('blocks').toJSON()).toEqual(hp.doc.getMap('blocks').toJSON());
    hp.destroy();
    y.destroy();
  });

  it('a viewer on y-websocket reads but cannot write', async () => {
    const owner = await relay.signUp('yws-owner');
    const viewer = await relay.signUp('yws-viewer');
    const docId = await relay.createDoc(owner.token);
    const add = await relay.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: viewer.email, role: 'viewer' },
    });
    expect(add.status).toBe(201);
    const hp = await relay.connect(docId, owner.token);
    hp.doc.getText('t').insert(0, 'owner text');
    await hp.settled();
    const y = yws(docId, viewer.token);
    await synced(y);
    expect(y.doc.getText('t').toString()).toBe('owner text');
    y.doc.getText('t').insert(0, 'viewer edit ');
    y.awareness.setLocalStateField('probe', 'after-edit');
    await expect
      .poll(() => [...hp.provider.awareness!.getStates().values()].some((s) => s.probe === 'after-edit'))
      .toBe(true);
    expect(hp.doc.getText('t').toString()).toBe('owner text');
    hp.destroy();
    y.destroy();
  });

  it('closes with 4401 on a bad token and 4403 for a non-member', async () => {
    const alice = await relay.signUp('yws-owner2');
    const mallory = await relay.signUp('yws-mallory');
    const docId = await relay.createDoc(alice.token);
    expect(await firstClose(yws(docId, 'not-a-token'))).toEqual({ code: 4401, reason: 'unauthorized' });
    expect(await firstClose(yws(docId, ''))).toEqual({ code: 4401, reason: 'unauthorized' });
    expect(await firstClose(yws(docId, mallory.token))).toEqual({ code: 4403, reason: 'forbidden' });
    expect(await firstClose(yws('no-such-doc', alice.token))).toEqual({ code: 4403, reason: 'forbidden' });
  });

  it('closes with 4400 on a malformed y-websocket frame', async () => {
    const alice = await relay.signUp('yws-garbage');
    const docId = await relay.createDoc(alice.token);
    const bad = [
      Uint8Array.from([0, 7, 0]), // sync step 7
      Uint8Array.from([0, 2, 3, 0xff, 0xff, 0xff]), // an update that does not decode
      Uint8Array.from([6, 1, 65]), // broadcast-stateless, server-only
      Uint8Array.from([0x80]), // truncated varint
    ];
    for (const frame of bad) {
      const socket = openRaw(`${relay.wsUrl}/yjs/${docId}?token=${encodeURIComponent(alice.token)}`);
      expect(await socket.opened).toBe(101);
      sendAll(socket.ws, [frame]);
      expect(await closeCode(socket), String(frame)).toBe(4400);
    }
  });
});
