/**
 * The shell's own IPC beside HostApi: menu commands go to a window, and a trusted page may ask for
 * an export to be saved through the native dialog. Like the host, it answers only the app's page.
 */
import type { IpcMain, WebContents } from 'electron';
import {
  CHANNEL_SHELL_COMMAND,
  CHANNEL_SHELL_SAVE_EXPORT,
  type SaveExportReply,
  type ShellCommand,
} from '../shared/shell-commands.ts';

export type SaveExport = (contents: WebContents, canvasId: string, block: string) => Promise<SaveExportReply>;

export function serveShellOverIpc(
  ipcMain: IpcMain,
  isTrustedUrl: (url: string) => boolean,
  saveExport: SaveExport,
): () => void {
  ipcMain.handle(
    CHANNEL_SHELL_SAVE_EXPORT,
    async (event, canvasId: unknown, block: unknown): Promise<SaveExportReply> => {
      if (!isTrustedUrl(event.senderFrame?.url ?? ''))
        return { error: { message: 'This page may not save files through Facet.' } };
      if (typeof canvasId !== 'string' || typeof block !== 'string' || block === '')
        return { error: { message: 'Export needs a canvas and a block name.' } };
      try {
        return await saveExport(event.sender, canvasId, block);
      } catch (error) {
        return { error: { message: error instanceof Error ? error.message : String(error) } };
      }
    },
  );
  return () => ipcMain.removeHandler(CHANNEL_SHELL_SAVE_EXPORT);
}

/**
 * Sends a command to a window's page. A page still loading gets it once loaded (the preload keeps
 * it until the app listens).
 */
export function sendCommand(contents: WebContents | undefined, command: ShellCommand): void {
  if (!contents || contents.isDestroyed()) return;
  if (contents.isLoadingMainFrame()) {
    contents.once('did-finish-load', () => sendCommand(contents, command));
    return;
  }
  contents.send(CHANNEL_SHELL_COMMAND, command);
}
