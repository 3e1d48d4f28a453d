/** The two ways a canvas becomes shared: share one of ours, or join someone else's. */
import { normalizeRelayUrl, type RelayClient, RelayError } from '@facet/engine/common';
import type { HostApi } from '../../../shared/host-api.ts';
import { type CanvasLink, linkKey, saveLink } from './relay-settings.ts';

/**
 * Creates a relay document for this canvas and links them. Nothing is uploaded here: once linked,
 * the sync hook connects and the provider's handshake sends the canvas's whole state.
 */
export async function shareCanvas(client: RelayClient, name: string): Promise<CanvasLink> {
  const doc = await client.createDoc(name.trim() || 'Canvas');
  return { docId: doc.id, role: doc.role, url: client.url };
}

/**
 * Accepts an invite (link or token), makes a new local canvas named after the shared one, and links
 * it; the content arrives when the canvas is opened and the provider syncs. Resolves with the new
 * canvas's id. An invite to a document already linked here opens that canvas instead.
 */
export async function joinCanvas(api: HostApi, client: RelayClient, invite: string): Promise<string> {
  const origin = /^(https?:\/\/[^/?#\s]+)\/invite\//i.exec(invite.trim())?.[1];
  if (origin && normalizeRelayUrl(origin) !== client.url)
    throw new RelayError(
      0,
      'other_relay',
      `This invite is for the relay at ${origin}: sign in there to join.`,
    );
  const doc = await client.acceptInvite(invite);
  const [settings, canvases] = await Promise.all([api.settings.get(), api.canvases.list({ branches: true })]);
  for (const canvas of canvases) {
    const link = settings[linkKey(canvas.id)] as Partial<CanvasLink> | null | undefined;
    if (link?.docId === doc.id && link.url === client.url) {
      await saveLink(api, canvas.id, { docId: doc.id, role: doc.role, url: client.url });
      return canvas.id;
    }
  }
  const names = new Set(canvases.map((c) => c.name));
  let name = doc.name;
  for (let n = 2; names.has(name); n++) name = `${doc.name} (${n})`;
  const created = await api.canvases.create(name);
  await saveLink(api, created.id, { docId: doc.id, role: doc.role, url: client.url });
  return created.id;
}
