/**
 * Electron's main process: one instance, one window, one host. The window loads the built renderer
 * from `app://facet/` and reaches the host only through HostApi over IPC (plus the shell's narrow
 * command channel); projects and data files handed over by the OS — at launch, from a second
 * launch, or through macOS `open-file` — open in that window.
 *
 *   main.mjs ── Host (project store, native DuckDB)
 *      │  ├── HostApi over IPC (host-ipc.ts) ──┐
 *      │  └── menus, dialogs (shell-actions.ts)┤ preload.cjs: window.facetHost, window.facetShell
 *      └── BrowserWindow ── app://facet/ ──────┘ (renderer, sandboxed)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { Host } from '../host/host.ts';
import { createMainWindow } from './app-window.ts';
import { serveHostOverIpc } from './host-ipc.ts';
import { classifyPaths, openArgs } from './launch-args.ts';
import { menuTemplate } from './menu-template.ts';
import { chooseStartupProject, OpenQueue } from './open-queue.ts';
import { APP_SCHEME, isTrustedUrl, RENDERER_URL, rendererResponse } from './renderer-files.ts';
import { restrictPermissions, restrictWebContents } from './security.ts';
import { shellActions } from './shell-actions.ts';
import { serveShellOverIpc } from './shell-ipc.ts';

/** The bundle lives in dist/electron, beside dist/renderer (in the repository and in the package). */
const RENDERER_DIR = path.resolve(import.meta.dirname, '../renderer');
const PRELOAD = path.join(import.meta.dirname, 'preload.cjs');
/** This script: `electron main.mjs` (development) puts it in argv, where it is not a file to open. */
const ENTRY_SCRIPT = fileURLToPath(import.meta.url);

// The scheme must be registered before the app is ready; `standard` gives the page a real origin.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.setName('Facet');
// Run as `electron main.mjs`, the data folder would be named after Electron; `--user-data-dir` wins.
if (!app.commandLine.hasSwitch('user-data-dir'))
  app.setPath('userData', path.join(app.getPath('appData'), 'Facet'));

if (app.requestSingleInstanceLock()) start();
else app.quit(); // The first instance gets our argv through `second-instance`.

function start(): void {
  const home = process.env.FACET_HOME ?? path.join(os.homedir(), '.facet');
  const host = new Host({ projectsRoot: path.join(home, 'projects') });
  let window: BrowserWindow | undefined;

  const refreshMenu = (): void => {
    try {
      const template = menuTemplate(
        {
          platform: process.platform,
          appName: 'Facet',
          recent: host.projects.list(),
          current: openProjectDir(host),
          devTools: !app.isPackaged,
        },
        actions.menu,
      );
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    } catch (error) {
      // A stale Open Recent is no reason to fail what triggered the refresh.
      console.error('Facet: could not rebuild the menus', error);
    }
  };
  const actions = shellActions({ host, window: () => window, refreshMenu });
  const queue = new OpenQueue(actions.open);

  // What to open can arrive before the app is ready: argv now, macOS open-file any time.
  void queue.add(classifyPaths(openArgs(process.argv, process.cwd(), ENTRY_SCRIPT), process.cwd()));
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void queue.add(classifyPaths([file], process.cwd()));
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    } else if (app.isReady()) {
      openWindow(); // macOS keeps running with no window; a second launch brings one back.
    }
    void queue.add(classifyPaths(openArgs(argv, workingDirectory, ENTRY_SCRIPT), workingDirectory));
  });
  restrictWebContents(app);

  const openWindow = (): void => {
    window = createMainWindow({
      preload: PRELOAD,
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      url: RENDERER_URL,
    });
    window.on('closed', () => (window = undefined));
  };

  app
    .whenReady()
    .then(async () => {
      if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
        throw new Error(`The app's interface is missing (${RENDERER_DIR}). Build it with: npm start`);
      restrictPermissions(session.defaultSession);
      protocol.handle(APP_SCHEME, (request) => rendererResponse(RENDERER_DIR, request));
      // The page can open, create, rename or delete projects itself: keep Open Recent and Export current.
      serveHostOverIpc(host, ipcMain, isTrustedUrl, (method) => {
        if (method.startsWith('projects.') && method !== 'projects.list' && method !== 'projects.current')
          refreshMenu();
      });
      serveShellOverIpc(ipcMain, isTrustedUrl, actions.saveExport);
      await openFirstProject(host, queue.takeStartupProject());
      refreshMenu();
      openWindow();
      await queue.start();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Facet could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });

  app.on('activate', () => {
    // macOS: clicking the Dock icon with no window open opens one.
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Close the project cleanly (SQLite checkpoint) before the process goes.
    event.preventDefault();
    closed = true;
    host
      .close()
      .catch((error: unknown) => console.error('Facet: closing the project failed', error))
      .finally(() => app.quit());
  });
}

/** The open project's folder, if any. */
function openProjectDir(host: Host): string | undefined {
  try {
    return host.current().dir;
  } catch {
    return undefined;
  }
}

/**
 * Opens the project the window starts with, if any (none: the window shows Home). One that cannot
 * be opened (moved, damaged) is reported, and the window shows Home.
 */
async function openFirstProject(host: Host, requested: string | undefined): Promise<void> {
  const dir = chooseStartupProject(requested, host.projects.list());
  if (dir === undefined) return;
  try {
    await host.openProject(dir);
  } catch (error) {
    dialog.showErrorBox(
      'Facet',
      `${dir} could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
