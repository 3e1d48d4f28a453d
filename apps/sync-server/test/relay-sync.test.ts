import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestRelay, type TestRelay } from './harness.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.stop();
});

describe('relay sync', () => {
  it('two providers of one document converge through the relay', async () => {
    const alice = await relay.signUp('alice');
    const docId = await relay.createDoc(alice.token);
    const a = await relay.connect(docId, alice.token);
    const b = await relay.connect(docId, alice.token);
    a.doc.getText('t').insert(0, 'hello');
    await a.settled();
    await expect.poll(() => b.doc.getText('t').toString()).toBe('hello');
    b.doc.getMap('blocks').set('x', 1);
    await expect.poll(() => a.doc.getMap('blocks').get('x')).toBe(1);
    a.destroy();
    b.destroy();
  });

  it('acknowledged updates are in the log before the acknowledgement', async () => {
    const alice = await relay.signUp('bob');
    const docId = await relay.createDoc(alice.token);
    const a = await relay.connect(docId, alice.token);
    a.doc.getText('t').insert(0, 'durable');
    await a.settled();
    const stored = await relay.docLog.load(docId);
    const check = new Y.Doc();
    for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(check, u);
    expect(check.getText('t').toString()).toBe('durable');
    a.destroy();
  });

  it('refuses a connection without a valid token or membership', async () => {
    const alice = await relay.signUp('carol');
    const mallory = await relay.signUp('mallory');
    const docId = await relay.createDoc(alice.token);
    await expect(relay.connect(docId, 'not-a-token')).rejects.toThrow(/unauthorized/);
    await expect(relay.connect(docId, mallory.token)).rejects.toThrow(/forbidden/);
    await expect(relay.connect('no-such-doc', alice.token)).rejects.toThrow(/forbidden/);
  });
});
