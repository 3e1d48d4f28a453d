/**
 * HostApi over Electron IPC. Each window (webContents) gets its own host session, closed with the
 * window. Only frames whose URL the app trusts may call the host; anything else is refused.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Host, HostSession } from '../host/host.ts';
import { dispatch, toWireError } from '../host/rpc-dispatch.ts';
import { CHANNEL_EVENT, CHANNEL_INVOKE, type IpcReply } from '../shared/ipc.ts';

export function serveHostOverIpc(
  host: Host,
  ipcMain: IpcMain,
  /** Whether a frame URL is the app's own renderer. */
  isTrustedUrl: (url: string) => boolean,
  /** Told after each call that succeeded (the shell refreshes its menus when projects change). */
  afterCall: (method: string) => void = () => undefined,
): () => void {
  const sessions = new Map<number, HostSession>();
  const sessionFor = (contents: WebContents): HostSession => {
    let session = sessions.get(contents.id);
    if (!session) {
      session = host.session((event, data) => {
        if (!contents.isDestroyed()) contents.send(CHANNEL_EVENT, event, data);
      });
      sessions.set(contents.id, session);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    return session;
  };
  ipcMain.handle(
    CHANNEL_INVOKE,
    async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<IpcReply> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url))
        return { error: { code: 'FORBIDDEN', message: 'This page may not use the Facet host.' } };
      try {
        const result = await dispatch(sessionFor(event.sender).api, method, args);
        afterCall(String(method));
        return { result };
      } catch (error) {
        return { error: toWireError(error) };
      }
    },
  );
  return () => {
    ipcMain.removeHandler(CHANNEL_INVOKE);
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}
