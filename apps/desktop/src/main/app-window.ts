/**
 * The main window: locked down (context isolation, the sandbox, no Node integration, no
 * <webview>), opened where it was last closed, and remembering its size, position and maximized
 * state as it changes.
 */
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { fitToDisplays, MIN_SIZE, readWindowState, writeWindowState } from './window-state.ts';

export interface MainWindowOptions {
  /** The built preload script. */
  preload: string;
  /** Where the window state is kept (a JSON file in the app's data folder). */
  stateFile: string;
  /** The page to load. */
  url: string;
}

/** Resizes and moves are saved this long after the last one (a drag fires many). */
const SAVE_DELAY_MS = 500;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = fitToDisplays(
    readWindowState(options.stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Facet',
    show: false,
    // Matches the page's first paint, so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#242424' : '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  rememberState(window, options.stateFile);
  window
    .loadURL(options.url)
    .catch((error: unknown) => console.error('Facet: the window could not load', error));
  return window;
}

function rememberState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isFullScreen() || window.isMinimized()) return;
    try {
      // The normal bounds, so a maximized window reopens maximized over the size it had before.
      writeWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      // Not being able to remember the window is no reason to disturb the user.
      console.warn('Facet: could not save the window state:', error);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}
