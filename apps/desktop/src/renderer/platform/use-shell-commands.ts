/**
 * The renderer's side of the desktop shell: commands from the native menus (Undo, Redo, Export…,
 * Theme, imports the shell ran) reach the handlers the app passes, and Export… saves through the
 * native dialog. Outside Electron (web mode, the browser app) there is no `window.facetShell`, and
 * all of this does nothing.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type {
  FacetShellBridge,
  ImportedTable,
  SaveExportReply,
  ShellCommand,
  ThemeChoice,
} from '../../shared/shell-commands.ts';

export interface ShellCommandHandlers {
  /** Edit → Undo on the canvas (a focused text field or editor undoes its own text instead). */
  undo(): void;
  /** Edit → Redo on the canvas (likewise). */
  redo(): void;
  /** File → Export…: choose the block to export and call `saveExport(canvasId, block)`. */
  export(): void;
  /** View → Theme. */
  setTheme(scheme: ThemeChoice): void;
  /** The shell started importing files chosen in File → Import Data… or opened from the OS. */
  importStarted?(fileNames: string[]): void;
  /** Those imports finished: the tables made, and the files that failed with why. */
  importFinished(result: { tables: ImportedTable[]; errors: { fileName: string; message: string }[] }): void;
}

/** The shell bridge the preload exposes, or undefined outside the desktop app. */
export function shellBridge(): FacetShellBridge | undefined {
  return (globalThis as { facetShell?: FacetShellBridge }).facetShell;
}

/** Subscribes to shell commands while mounted (a no-op without the shell). */
export function useShellCommands(handlers: ShellCommandHandlers): void {
  // The latest handlers, so a re-render never re-subscribes (and never misses a command).
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const bridge = shellBridge();
    if (!bridge) return;
    return bridge.onCommand((command) => runShellCommand(command, latest.current));
  }, []);
}

/** Carries out one command with the app's handlers. */
export function runShellCommand(
  command: ShellCommand,
  handlers: ShellCommandHandlers,
  doc: Document = document,
): void {
  switch (command.type) {
    case 'undo':
    case 'redo':
      if (!editInFocusedField(command.type, doc)) handlers[command.type]();
      return;
    case 'export':
      return handlers.export();
    case 'set-theme':
      return handlers.setTheme(command.scheme);
    case 'import-started':
      return handlers.importStarted?.(command.fileNames);
    case 'import-finished':
      return handlers.importFinished({ tables: command.tables, errors: command.errors });
  }
}

/**
 * Saves a SQL block's result through the native save dialog (the chosen extension picks CSV,
 * Parquet, JSON or Excel). Undefined outside the desktop app, where the page downloads instead.
 */
export async function saveExport(canvasId: string, block: string): Promise<SaveExportReply | undefined> {
  return shellBridge()?.saveExport(canvasId, block);
}

/**
 * A text field or editor with focus keeps its own history: the menu's Undo/Redo goes to it (the
 * browser's editing command, which CodeMirror also handles) rather than to the canvas.
 */
function editInFocusedField(action: 'undo' | 'redo', doc: Document): boolean {
  const focused = doc.activeElement as HTMLElement | null;
  if (!focused?.closest('input, textarea, [contenteditable="true"], [contenteditable=""]')) return false;
  // execCommand is deprecated but still the one way to drive the field's native undo stack.
  if (typeof doc.execCommand === 'function') doc.execCommand(action);
  return true;
}
