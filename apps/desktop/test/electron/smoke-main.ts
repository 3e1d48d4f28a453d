/**
 * Electron main process for the smoke test: a host with a temporary projects folder served over
 * IPC, one secure window with the real preload script, and a page that calls HostApi through
 * `window.facetHost`. Prints one JSON line with what the page saw, then quits.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, ipcMain } from 'electron';
import { Host } from '../../src/host/host.ts';
import { serveHostOverIpc } from '../../src/main/host-ipc.ts';

const PAGE = `<!doctype html><meta charset="utf-8"><title>smoke</title><script>
(async () => {
  const call = async (method, args) => {
    const reply = await window.facetHost.invoke(method, args);
    if ('error' in reply) throw new Error(reply.error.code + ': ' + reply.error.message);
    return reply.result;
  };
  try {
    const project = await call('projects.create', [{ name: 'Smoke' }]);
    const canvases = await call('canvases.list', []);
    const bad = await window.facetHost.invoke('projects.nope', []);
    document.title = JSON.stringify({ project: project.name, canvases: canvases.length, bad: bad.error.code,
      nodeVisible: typeof require !== 'undefined' });
  } catch (error) {
    document.title = JSON.stringify({ error: String(error) });
  }
})();
</script>`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-electron-'));
const pageFile = path.join(root, 'index.html');
fs.writeFileSync(pageFile, PAGE);
const host = new Host({ projectsRoot: path.join(root, 'projects') });
const pageUrl = `file://${pageFile}`;

void app.whenReady().then(async () => {
  serveHostOverIpc(host, ipcMain, (url) => url === pageUrl);
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.webContents.on('page-title-updated', (_event, title) => {
    if (title === 'smoke') return;
    process.stdout.write(`${title}\n`);
    void host.close().then(() => app.quit());
  });
  await win.loadFile(pageFile);
});
