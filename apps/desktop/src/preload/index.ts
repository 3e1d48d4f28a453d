/**
 * The preload script: exposes `window.facetHost` (FacetHostBridge) and nothing else. It runs
 * sandboxed with context isolation, so the page never sees `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostEventName, HostEvents } from '../shared/host-api.ts';
import { CHANNEL_EVENT, CHANNEL_INVOKE, type FacetHostBridge, type IpcReply } from '../shared/ipc.ts';

const bridge: FacetHostBridge = {
  invoke: (method, args) => ipcRenderer.invoke(CHANNEL_INVOKE, method, args) as Promise<IpcReply>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: HostEventName, data: HostEvents[HostEventName]): void =>
      listener(name, data);
    ipcRenderer.on(CHANNEL_EVENT, handler);
    return () => ipcRenderer.off(CHANNEL_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('facetHost', bridge);
