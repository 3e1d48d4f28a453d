/**
 * The Electron IPC contract: the channels HostApi travels on and what the preload script exposes
 * to the renderer (as `window.facetHost`). Nothing else crosses the bridge.
 */
import type { HostEventName, HostEvents } from './host-api.ts';

/** Renderer → main: `invoke(CHANNEL_INVOKE, method, args)` → `IpcReply`. */
export const CHANNEL_INVOKE = 'facet:host';
/** Main → renderer: `(CHANNEL_EVENT, event, data)`. */
export const CHANNEL_EVENT = 'facet:host-event';

/** Replies are values, never thrown errors, so no stack or internal detail reaches the renderer. */
export type IpcReply =
  | { result: unknown }
  | { error: { code: string; message: string; line?: number; column?: number; position?: number } };

/** What the preload script exposes as `window.facetHost`. */
export interface FacetHostBridge {
  invoke(method: string, args: unknown[]): Promise<IpcReply>;
  /** Listens to host events; returns a function that stops listening. */
  onEvent(listener: <E extends HostEventName>(event: E, data: HostEvents[E]) => void): () => void;
}
