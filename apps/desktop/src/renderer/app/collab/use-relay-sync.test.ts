// @vitest-environment jsdom
/**
 * useRelaySync against a real relay process: a linked canvas goes live and syncs, a role change
 * reconnects with the new role (read only), and removal, deletion and a revoked session each stop
 * syncing with a message that says what happened.
 */
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CanvasDoc, RelayClient, type RelayRole } from '@facet/engine/common';
import type { CanvasLink } from './relay-settings.ts';
import { useRelaySync } from './use-relay-sync.ts';

const FIXTURE = '../../../../test/collab-fixture.ts';
const PASSWORD = 'correct horse battery staple';
let fixture: { relayUrl: string; close(): Promise<void> };
let n = 0;

beforeAll(async () => {
  const { startCollabFixture } = (await import(/* @vite-ignore */ FIXTURE)) as {
    startCollabFixture: () => Promise<typeof fixture>;
  };
  fixture = await startCollabFixture();
}, 60_000);
afterAll(async () => {
  await fixture?.close();
});
afterEach(cleanup);

async function account(name: string) {
  const client = new RelayClient({ url: fixture.relayUrl });
  const email = `${name}-${++n}@example.com`;
  const user = await client.signUp({ email, password: PASSWORD, name });
  return { client, user, email };
}

async function rest(client: RelayClient, method: string, path: string, body?: unknown) {
  const res = await fetch(fixture.relayUrl + path, {
    method,
    headers: { authorization: `Bearer ${await client.accessToken()}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status).toBeLessThan(300);
}

/** Ada owns a document with content; Bob is a member with `role` and opens it through the hook. */
async function shared(role: RelayRole) {
  const ada = await account('Ada');
  const bob = await account('Bob');
  const doc = await ada.client.createDoc('Shared');
  await ada.client.addMember(doc.id, bob.email, role);
  const canvas = new CanvasDoc(new Y.Doc());
  const links: CanvasLink[] = [];
  const hook = renderHook(
    ({ link }: { link: CanvasLink }) =>
      useRelaySync({ canvas, link, client: bob.client, user: bob.user, onLinkChange: (l) => links.push(l) }),
    { initialProps: { link: { docId: doc.id, role, url: bob.client.url } } },
  );
  await waitFor(() => expect(hook.result.current).toMatchObject({ state: 'connected', synced: true }), {
    timeout: 10_000,
  });
  return { ada, bob, doc, canvas, links, hook };
}

describe('useRelaySync', () => {
  it('goes live and sends local edits to the relay', async () => {
    const { ada, doc, canvas, hook } = await shared('editor');
    expect(hook.result.current).toMatchObject({ active: true, readOnly: false, problem: undefined });
    canvas.add('text', { text: 'from the hook', x: 0, y: 0 });
    await waitFor(() => expect(hook.result.current.pending).toBe(0));
    // The relay has it: Ada's replica, empty at first, gets it through her own hook.
    const replica = new CanvasDoc(new Y.Doc());
    const other = renderHook(() =>
      useRelaySync({
        canvas: replica,
        link: { docId: doc.id, role: 'owner', url: ada.client.url },
        client: ada.client,
        user: ada.client.user,
        onLinkChange: () => undefined,
      }),
    );
    await waitFor(() => expect(replica.blocks().map((b) => b.type)).toEqual(['text']), { timeout: 10_000 });
    // Each sees the other.
    await waitFor(() => expect(other.result.current.peers.map((p) => p.user.name)).toEqual(['Bob']));
    await waitFor(() => expect(hook.result.current.peers.map((p) => p.user.name)).toEqual(['Ada']));
  });

  it('reconnects read-only when the role drops to viewer', async () => {
    const { ada, bob, doc, links, hook } = await shared('editor');
    await rest(ada.client, 'PATCH', `/api/docs/${doc.id}/members/${bob.user.id}`, { role: 'viewer' });
    await waitFor(() => expect(links).toEqual([{ docId: doc.id, role: 'viewer', url: bob.client.url }]), {
      timeout: 10_000,
    });
    hook.rerender({ link: links[0]! });
    await waitFor(() => expect(hook.result.current).toMatchObject({ state: 'connected', readOnly: true }), {
      timeout: 10_000,
    });
    expect(hook.result.current.problem).toBeUndefined();
  });

  it('stops with a message when access is removed', async () => {
    const { ada, bob, doc, hook } = await shared('editor');
    await rest(ada.client, 'DELETE', `/api/docs/${doc.id}/members/${bob.user.id}`);
    await waitFor(
      () => expect(hook.result.current.problem).toMatch(/access to this shared canvas was removed/),
      {
        timeout: 10_000,
      },
    );
    expect(hook.result.current.state).toBe('offline');
  });

  it('stops with a message when the document is deleted', async () => {
    const { ada, doc, hook } = await shared('viewer');
    expect(hook.result.current.readOnly).toBe(true);
    await rest(ada.client, 'DELETE', `/api/docs/${doc.id}`);
    await waitFor(() => expect(hook.result.current.problem).toMatch(/deleted from the relay/), {
      timeout: 10_000,
    });
  });

  it('asks to sign in again when the session is revoked', async () => {
    const { bob, hook } = await shared('editor');
    await bob.client.signOut();
    await waitFor(() => expect(hook.result.current.problem).toMatch(/Sign in again/), { timeout: 10_000 });
  });
});
