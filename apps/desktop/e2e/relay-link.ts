/**
 * For the collaboration end-to-end test: a real relay process (what `npm run relay` runs) and a TCP
 * link to it that can be cut and healed, so one client loses the relay while others keep it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../sync-server/src/main.ts');

export interface RelayProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the relay on a free port over a temporary folder; resolves once it logs its URL. */
export async function startRelayProcess(): Promise<RelayProcess> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-relay-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, '--port', '0', '--data', data, '--log-level', 'info'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${err.slice(-2000)}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${err.slice(-2000)}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"relay listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  child.removeAllListeners('exit');
  // Keep reading its logs, or the pipe fills and the relay blocks on writing them.
  child.stdout?.resume();
  return {
    url,
    port: Number(new URL(url).port),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(data, { recursive: true, force: true });
    },
  };
}

/** A TCP link to a port: `cut()` drops every connection and refuses new ones until `heal()`. */
export interface TcpLink {
  url: string;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpLink(targetPort: number): Promise<TcpLink> {
  const open = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    client.on('error', () => undefined);
    if (down) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cut = (): void => {
    down = true;
    for (const s of open) s.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    heal: () => void (down = false),
    close: async () => {
      cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
