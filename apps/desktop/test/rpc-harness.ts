/** A host behind a real WebSocket RPC server, and clients connected to it, for contract tests. */
import path from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { Host } from '../src/host/host.ts';
import {
  connectHost,
  type HostConnection,
  type SocketConstructor,
} from '../src/renderer/platform/host-client.ts';
import { type RpcServer, startRpcServer } from '../src/web/rpc-server.ts';
import { tempDir } from './temp-project.ts';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

export interface Harness {
  host: Host;
  server: RpcServer;
  root: string;
  connect: () => Promise<HostConnection>;
}

export async function startHarness(options: { sampleDataPath?: string } = {}): Promise<Harness> {
  const root = path.join(tempDir('facet-host-'), 'projects');
  const host = new Host({ projectsRoot: root, projectOptions: { durability: 'normal' }, ...options });
  const server = await startRpcServer({ host });
  running.push(async () => {
    await server.close();
    await host.close();
  });
  return {
    host,
    server,
    root,
    connect: async () => {
      const connection = await connectHost(server.url, WebSocket as unknown as SocketConstructor);
      running.push(() => Promise.resolve(connection.close()));
      return connection;
    },
  };
}
