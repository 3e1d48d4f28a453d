/**
 * Web mode: the desktop product served to a browser. One process holds the host (with the project
 * open), the renderer's static files and the HostApi WebSocket on 127.0.0.1; the URL it prints
 * carries the per-launch secret in its fragment (never sent to the server in requests or logs).
 */
import os from 'node:os';
import path from 'node:path';
import { Host } from '../host/host.ts';
import { startRpcServer } from './rpc-server.ts';
import { staticFiles } from './static-files.ts';

export interface WebModeOptions {
  port?: number;
  /** The project folder to open (created when it does not exist); without one, the app opens at Home. */
  project?: string;
  /** The built renderer (default: apps/desktop/dist/renderer). */
  rendererDir?: string;
  /** Where new projects go (default: $FACET_HOME/projects or ~/.facet/projects). */
  projectsRoot?: string;
}

export interface WebMode {
  /** The page to open, secret included. */
  url: string;
  port: number;
  host: Host;
  close(): Promise<void>;
}

export const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const home = process.env.FACET_HOME ?? path.join(os.homedir(), '.facet');
  const host = new Host({ projectsRoot: options.projectsRoot ?? path.join(home, 'projects') });
  if (options.project !== undefined) await host.openProject(options.project, true);
  const server = await startRpcServer({
    host,
    ...(options.port !== undefined ? { port: options.port } : {}),
    onRequest: staticFiles(options.rendererDir ?? DEFAULT_RENDERER_DIR),
  });
  return {
    url: `http://127.0.0.1:${server.port}/#secret=${server.secret}`,
    port: server.port,
    host,
    close: async () => {
      await server.close();
      await host.close();
    },
  };
}
