import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, type TestRelay } from './harness.ts';
import { providerClosed } from './relay-frames.ts';
import { startCluster, type TestCluster } from './cluster.ts';

/**
 * Scale-out on existing engines: two relay processes' worth of relays share documents through Redis
 * (@hocuspocus/extension-redis) and store them in one Postgres. Clients of one document on different
 * relays converge, and a third relay cold-loads everything from Postgres.
 */
let cluster: TestCluster;
let relays: TestRelay[];

beforeAll(async () => {
  cluster = await startCluster(2);
  relays = cluster.relays;
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('scale-out', () => {
  it('removing a member through one relay closes their connection on the other (access events cross Redis)', async () => {
    const [a, b] = relays as [TestRelay, TestRelay];
    const owner = await a.signUp('scale-owner');
    const editor = await a.signUp('scale-editor');
    const docId = await a.createDoc(owner.token);
    const added = await a.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: editor.email, role: 'editor' },
    });
    expect(added.status).toBeLessThan(300);
    const onB = await connectClient(b.wsUrl, docId, editor.token);
    const closed = providerClosed(onB.socket);
    expect(
      (await a.api('DELETE', `/api/docs/${docId}/members/${editor.userId}`, { token: owner.token })).status,
    ).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'access-revoked' });
    onB.destroy();
  });

  it('clients of one document on two relays converge, and a third relay cold-loads it from Postgres', async () => {
    const [a, b] = relays as [TestRelay, TestRelay];
    const alice = await a.signUp('alice');
    const docId = await a.createDoc(alice.token, 'shared');
    // A token from relay A works on relay B: same store, same secret.
    expect((await b.api('GET', `/api/docs/${docId}`, { token: alice.token })).status).toBe(200);

    const onA = [
      await connectClient(a.wsUrl, docId, alice.token),
      await connectClient(a.wsUrl, docId, alice.token),
    ];
    const onB = [
      await connectClient(b.wsUrl, docId, alice.token),
      await connectClient(b.wsUrl, docId, alice.token),
    ];
    const all = [...onA, ...onB];
    for (let round = 0; round < 20; round++) {
      all.forEach((client, i) => client.doc.getMap('cells').set(`c${i}-${round}`, round));
      all[round % all.length]!.doc.getText('note').insert(0, `${round},`);
    }
    await Promise.all(all.map((c) => c.settled()));
    const state = (doc: Y.Doc) =>
      JSON.stringify([Object.entries(doc.getMap('cells').toJSON()).sort(), doc.getText('note').toString()]);
    await expect
      .poll(() => all.every((c) => state(c.doc) === state(all[0]!.doc)), { timeout: 20_000 })
      .toBe(true);
    expect(all[0]!.doc.getMap('cells').size).toBe(80);

    // Awareness crosses relays too.
    onA[0]!.provider.setAwarenessField('user', { name: 'alice-on-a' });
    await expect
      .poll(() =>
        [...onB[0]!.provider.awareness!.getStates().values()].some(
          (s) => (s.user as { name?: string } | undefined)?.name === 'alice-on-a',
        ),
      )
      .toBe(true);

    const expected = state(all[0]!.doc);
    for (const client of all) client.destroy();
    await Promise.all(relays.map((relay) => relay.close()));
    const c = await cluster.add({ redis: false });
    const fresh = await connectClient(c.wsUrl, docId, alice.token);
    expect(state(fresh.doc)).toBe(expected);
    fresh.destroy();
  });
});
