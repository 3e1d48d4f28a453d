/**
 * The native menus, as data (Electron's MenuItemConstructorOptions): File (new, open, open recent,
 * import, export), Edit (undo/redo, clipboard), View (zoom, theme, full screen) and, on macOS, the
 * app and Window menus. Items call the actions given, so the template can be checked without
 * Electron; main.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ThemeChoice } from '../shared/shell-commands.ts';

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(dir: string): void;
  importData(): void;
  exportResult(): void;
  undo(): void;
  redo(): void;
  setTheme(scheme: ThemeChoice): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Projects to offer under Open recent, most recent first. */
  recent: readonly { dir: string; name: string }[];
  /** The open project (left out of Open Recent); none while the window shows Home. */
  current?: string;
  /** Offer the developer tools (unpackaged runs only). */
  devTools: boolean;
}

/** How many projects Open recent lists. */
export const RECENT_IN_MENU = 10;

export function menuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  // Outside macOS "&" marks a mnemonic in a label; a project called "R&D" must show its "&".
  const label = (text: string): string => (mac ? text : text.replaceAll('&', '&&'));
  const recent = context.recent.filter((p) => p.dir !== context.current).slice(0, RECENT_IN_MENU);
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: context.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: mac ? 'File' : '&File',
    submenu: [
      {
        id: 'new-project',
        label: 'New Project…',
        accelerator: 'CmdOrCtrl+N',
        click: () => actions.newProject(),
      },
      { id: 'open-project', label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      {
        id: 'open-recent',
        label: 'Open Recent',
        submenu:
          recent.length === 0
            ? [{ label: 'No Recent Projects', enabled: false }]
            : recent.map((project) => ({
                label: label(project.name),
                toolTip: project.dir,
                click: () => actions.openRecent(project.dir),
              })),
      },
      { type: 'separator' },
      {
        id: 'import-data',
        label: 'Import Data…',
        accelerator: 'CmdOrCtrl+I',
        click: () => actions.importData(),
      },
      {
        id: 'export',
        label: 'Export…',
        accelerator: 'CmdOrCtrl+E',
        // Exports a block of the open canvas: nothing to export from Home.
        enabled: context.current !== undefined,
        click: () => actions.exportResult(),
      },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      // The page handles the keys itself (a text field's own history, else the canvas's), so the
      // accelerators are shown but not registered; choosing the item sends the same command.
      {
        id: 'undo',
        label: 'Undo',
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        click: () => actions.undo(),
      },
      {
        id: 'redo',
        label: 'Redo',
        accelerator: 'CmdOrCtrl+Shift+Z',
        registerAccelerator: false,
        click: () => actions.redo(),
      },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: mac ? 'View' : '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      {
        id: 'theme',
        label: 'Theme',
        submenu: [
          { id: 'theme-light', label: 'Light', click: () => actions.setTheme('light') },
          { id: 'theme-dark', label: 'Dark', click: () => actions.setTheme('dark') },
          { id: 'theme-auto', label: 'Match System', click: () => actions.setTheme('auto') },
        ],
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(context.devTools
        ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
        : []),
    ],
  });
  if (mac) template.push({ role: 'windowMenu' });
  return template;
}
