/**
 * What the menus and the OS ask of the shell, done with native dialogs and the host: create, open
 * and reopen projects (the window reloads into the new one), import data files by path (the host
 * keeps where each came from, for re-import), and save a block's export where the user says.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  nativeTheme,
  type OpenDialogOptions,
  type SaveDialogOptions,
  type WebContents,
} from 'electron';
import type { Host } from '../host/host.ts';
import type { ImportedTable, SaveExportReply, ShellCommand, ThemeChoice } from '../shared/shell-commands.ts';
import {
  EXPORT_FILTERS,
  exportTarget,
  IMPORT_FILTERS,
  newProjectTarget,
  PROJECT_EXTENSION,
} from './dialog-options.ts';
import { classifyPaths, type OpenRequest } from './launch-args.ts';
import type { MenuActions } from './menu-template.ts';
import { type OpenHandlers, projectForImport } from './open-queue.ts';
import { sendCommand } from './shell-ipc.ts';

export interface ShellContext {
  host: Host;
  /** The main window, when there is one. */
  window(): BrowserWindow | undefined;
  /** Rebuilds the menus (Open Recent changed). */
  refreshMenu(): void;
}

export interface ShellActions {
  /** What the menu items do. */
  menu: MenuActions;
  /** How projects and files the OS hands over are opened. */
  open: OpenHandlers;
  /** Saves a block's export where the user chooses (the page's File → Export…). */
  saveExport: (contents: WebContents, canvasId: string, block: string) => Promise<SaveExportReply>;
}

export function shellActions(context: ShellContext): ShellActions {
  const { host } = context;
  // The shell's own session: imports and exports it runs are its own, not a page's.
  const api = host.session(() => undefined).api;
  const send = (command: ShellCommand): void => sendCommand(context.window()?.webContents, command);

  const showError = (message: string, detail?: string): void => {
    const options = { type: 'error' as const, title: 'Facet', message, ...(detail ? { detail } : {}) };
    const window = context.window();
    (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options)).catch(() => undefined);
  };
  const report = (error: unknown): void => showError(error instanceof Error ? error.message : String(error));

  /** Opens (or creates) a project and reloads the window into it. */
  const openProject = async (dir: string, create = false): Promise<void> => {
    const opened = await host.openProject(dir, create);
    app.addRecentDocument(opened.dir);
    const window = context.window();
    if (window && !window.isDestroyed()) {
      if (process.platform === 'darwin') window.setRepresentedFilename(opened.dir);
      window.webContents.reload();
    }
    context.refreshMenu();
  };

  const importFiles = async (paths: string[]): Promise<void> => {
    // Files opened from the OS with no project open (Home) go to the last project, or a new one.
    if ((await api.projects.current()) === null) {
      const target = projectForImport(host.projects.list(), host.projects.root);
      await openProject(target.dir, target.create);
    }
    const fileNames = paths.map((p) => path.basename(p));
    send({ type: 'import-started', fileNames });
    const tables: ImportedTable[] = [];
    const errors: { fileName: string; message: string }[] = [];
    for (const file of paths) {
      try {
        const imported = await api.sources.import(file);
        tables.push(...imported.map((s) => ({ table: s.table, rowCount: s.rowCount })));
      } catch (error) {
        errors.push({
          fileName: path.basename(file),
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    send({ type: 'import-finished', tables, errors });
  };

  const chooseAndOpen = async (): Promise<void> => {
    const mac = process.platform === 'darwin';
    const options: OpenDialogOptions = {
      title: 'Open Project',
      defaultPath: host.projects.root,
      buttonLabel: 'Open',
      // On macOS a .facet folder is a package (a single icon), chosen like a file.
      properties: mac ? ['openFile', 'openDirectory'] : ['openDirectory'],
      ...(mac ? { filters: [{ name: 'Facet projects', extensions: [PROJECT_EXTENSION.slice(1)] }] } : {}),
    };
    const window = context.window();
    const picked = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
    const [chosen] = picked.filePaths;
    if (picked.canceled || chosen === undefined) return;
    const request: OpenRequest = classifyPaths([chosen], process.cwd());
    const project = request.projects[0];
    if (project === undefined)
      return showError(
        `${path.basename(chosen)} is not a Facet project.`,
        'A project is a folder named Name.facet.',
      );
    await openProject(project);
  };

  const chooseAndCreate = async (): Promise<void> => {
    const options: SaveDialogOptions = {
      title: 'New Project',
      defaultPath: path.join(host.projects.root, `Untitled${PROJECT_EXTENSION}`),
      buttonLabel: 'Create',
      nameFieldLabel: 'Project name:',
      properties: ['createDirectory'],
    };
    const window = context.window();
    const picked = await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options));
    if (picked.canceled || !picked.filePath) return;
    const { parentDir, name } = newProjectTarget(picked.filePath);
    const created = await api.projects.create({ name, parentDir });
    await openProject(created.dir);
  };

  const chooseAndImport = async (): Promise<void> => {
    const options: OpenDialogOptions = {
      title: 'Import Data',
      buttonLabel: 'Import',
      properties: ['openFile', 'multiSelections'],
      filters: IMPORT_FILTERS,
    };
    const window = context.window();
    const picked = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
    if (picked.canceled || picked.filePaths.length === 0) return;
    await importFiles(picked.filePaths);
  };

  const setTheme = (scheme: ThemeChoice): void => {
    // Native parts (menus, dialogs, scrollbars) follow the page's scheme.
    nativeTheme.themeSource = scheme === 'auto' ? 'system' : scheme;
    send({ type: 'set-theme', scheme });
  };

  return {
    menu: {
      newProject: () => void chooseAndCreate().catch(report),
      openProject: () => void chooseAndOpen().catch(report),
      openRecent: (dir) => void openProject(dir).catch(report),
      importData: () => void chooseAndImport().catch(report),
      exportResult: () => send({ type: 'export' }),
      undo: () => send({ type: 'undo' }),
      redo: () => send({ type: 'redo' }),
      setTheme,
    },
    open: {
      openProject,
      importFiles,
      reject: (rejected) =>
        showError(
          rejected.length === 1
            ? 'Facet could not open a file.'
            : `Facet could not open ${rejected.length} files.`,
          rejected.map((r) => `${r.arg}: ${r.reason}`).join('\n'),
        ),
      onError: report,
    },
    saveExport: async (contents, canvasId, block) => {
      const options: SaveDialogOptions = {
        title: 'Export',
        defaultPath: path.join(app.getPath('documents'), `${block}.csv`),
        buttonLabel: 'Export',
        filters: EXPORT_FILTERS.map(({ name, extensions }) => ({ name, extensions })),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = context.window();
      const owner = window && window.webContents === contents ? window : undefined;
      const picked = await (owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options));
      if (picked.canceled || !picked.filePath) return { cancelled: true };
      const target = exportTarget(picked.filePath);
      const { bytes } = await api.engine.exportBlock(canvasId, block, target.format);
      await fs.writeFile(target.path, bytes);
      return { saved: target.path };
    },
  };
}
