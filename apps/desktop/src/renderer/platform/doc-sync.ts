/**
 * Keeps the renderer's copy of a canvas in step with the host: loads the host's state, applies the
 * host's `doc-update` events, and pushes every local change (in order). The host stores each
 * update before applying it, so what the renderer shows is what is on disk.
 */
import * as Y from 'yjs';
import { CanvasDoc } from '@facet/engine/common';
import type { HostApi, HostEventName, HostEvents } from '../../shared/host-api.ts';

const FROM_HOST = Symbol('host');

export interface SyncedCanvas {
  canvas: CanvasDoc;
  /** Updates sent but not yet confirmed stored. */
  pending(): number;
  close(): Promise<void>;
}

export async function syncCanvas(
  api: HostApi,
  on: <E extends HostEventName>(event: E, listener: (data: HostEvents[E]) => void) => () => void,
  canvasId: string,
  onError: (error: unknown) => void = (error) => console.error(error),
): Promise<SyncedCanvas> {
  const doc = new Y.Doc();
  const stop = on('doc-update', ({ canvasId: id, update }) => {
    if (id === canvasId) Y.applyUpdate(doc, update, FROM_HOST);
  });
  await api.docs.subscribe(canvasId);
  Y.applyUpdate(doc, await api.docs.state(canvasId), FROM_HOST);
  const canvas = new CanvasDoc(doc);
  let inFlight = 0;
  const sent = new Set<Promise<void>>();
  // Each change is sent at once: the transport keeps order and the host stores updates in the
  // order they arrive, so nothing waits behind a round trip (and a reload loses nothing queued).
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_HOST) return;
    inFlight++;
    const push = api.docs
      .push(canvasId, update)
      // A lost update would leave every later one pending on the host: resend the whole state
      // (the host ignores what it already has), and report the failure if that fails too.
      .catch(() => api.docs.push(canvasId, Y.encodeStateAsUpdate(doc)))
      .catch(onError)
      .finally(() => {
        inFlight--;
        sent.delete(push);
      });
    sent.add(push);
  };
  doc.on('update', onUpdate);
  return {
    canvas,
    pending: () => inFlight,
    close: async () => {
      doc.off('update', onUpdate);
      stop();
      await Promise.all(sent);
      await api.docs.unsubscribe(canvasId).catch(() => undefined);
      canvas.destroy();
    },
  };
}
