/**
 * The desktop shell's own narrow channel, beside HostApi: commands from the native menus and the
 * OS (main → renderer), and the one request the renderer makes of the shell — save a block's
 * export through a native dialog. The preload exposes it as `window.facetShell`; web mode and the
 * browser app have none, so everything here is optional for the renderer.
 */

/** Main → renderer: `(CHANNEL_SHELL_COMMAND, command)`. */
export const CHANNEL_SHELL_COMMAND = 'facet:shell-command';
/** Renderer → main: `invoke(CHANNEL_SHELL_SAVE_EXPORT, canvasId, block)` → `SaveExportReply`. */
export const CHANNEL_SHELL_SAVE_EXPORT = 'facet:shell-save-export';

/** The colour scheme picked in View → Theme (`auto` follows the OS). */
export type ThemeChoice = 'light' | 'dark' | 'auto';

/** A table an import produced, as the renderer reports it. */
export interface ImportedTable {
  table: string;
  rowCount: number;
}

/** What the renderer is asked to do (or told has happened) by the shell. */
export type ShellCommand =
  /** Edit → Undo / Redo: in a text field the field's own history, else the canvas's. */
  | { type: 'undo' }
  | { type: 'redo' }
  /** File → Export…: the renderer picks the block and calls `saveExport`. */
  | { type: 'export' }
  | { type: 'set-theme'; scheme: ThemeChoice }
  /** Files chosen in File → Import data… (or opened from the OS) are being imported by the host. */
  | { type: 'import-started'; fileNames: string[] }
  | {
      type: 'import-finished';
      tables: ImportedTable[];
      errors: { fileName: string; message: string }[];
    };

export type ShellCommandType = ShellCommand['type'];

/** Where an export went: the file written, a cancelled dialog, or a readable error. */
export type SaveExportReply = { saved: string } | { cancelled: true } | { error: { message: string } };

/** What the preload script exposes as `window.facetShell`. */
export interface FacetShellBridge {
  /**
   * Listens to shell commands; returns a function that stops listening. Commands sent before the
   * first listener (while the page loads) are kept and delivered to it.
   */
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** Asks where to save a SQL block's result (native dialog; the extension picks the format). */
  saveExport(canvasId: string, block: string): Promise<SaveExportReply>;
}
