/**
 * The preload script: exposes `window.facetHost` (FacetHostBridge, the HostApi transport) and
 * `window.facetShell` (FacetShellBridge: menu commands and the native save dialog), nothing else.
 * It runs sandboxed with context isolation, so the page never sees `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostEventName, HostEvents } from '../shared/host-api.ts';
import { CHANNEL_EVENT, CHANNEL_INVOKE, type FacetHostBridge, type IpcReply } from '../shared/ipc.ts';
import {
  CHANNEL_SHELL_COMMAND,
  CHANNEL_SHELL_SAVE_EXPORT,
  type FacetShellBridge,
  type SaveExportReply,
  type ShellCommand,
} from '../shared/shell-commands.ts';
import { commandBuffer } from './command-buffer.ts';

const bridge: FacetHostBridge = {
  invoke: (method, args) => ipcRenderer.invoke(CHANNEL_INVOKE, method, args) as Promise<IpcReply>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: HostEventName, data: HostEvents[HostEventName]): void =>
      listener(name, data);
    ipcRenderer.on(CHANNEL_EVENT, handler);
    return () => ipcRenderer.off(CHANNEL_EVENT, handler);
  },
};

// Listening starts now, before the page runs, so commands sent while it loads are kept.
const commands = commandBuffer();
ipcRenderer.on(CHANNEL_SHELL_COMMAND, (_event: IpcRendererEvent, command: ShellCommand) =>
  commands.deliver(command),
);

const shell: FacetShellBridge = {
  onCommand: (listener) => commands.subscribe(listener),
  saveExport: (canvasId, block) =>
    ipcRenderer.invoke(CHANNEL_SHELL_SAVE_EXPORT, canvasId, block) as Promise<SaveExportReply>,
};

contextBridge.exposeInMainWorld('facetHost', bridge);
contextBridge.exposeInMainWorld('facetShell', shell);
