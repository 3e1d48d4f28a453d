import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Real Postgres and Redis for the relay's tests, started on loopback from the Debian packages
 * (PostgreSQL 15, redis-server). CI installs both; a machine without them fails with a clear message.
 */
const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Postgres refuses to run as root; tests run as root in CI, so the server runs as `postgres` there. */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'postgres'));
}

export function redisAvailable(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts a throwaway Postgres cluster (trust auth, loopback only) and returns its URL. */
export async function startPostgres(): Promise<RunningService> {
  if (!postgresAvailable())
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}); apt-get install postgresql`);
  const dir = mkdtempSync(join(tmpdir(), 'facet-pg-'));
  if (userInfo().uid === 0)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asPostgresUser(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [cmd, args] = asPostgresUser(join(PG_BIN, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await waitFor(() => log.includes('ready to accept connections') || child.exitCode !== null, 'postgres');
  if (child.exitCode !== null) throw new Error(`postgres exited: ${log.slice(-2000)}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      // runuser forwards SIGTERM but not SIGINT (a stop would hang); as root, SIGTERM it is.
      await stopProcess(child, userInfo().uid === 0 ? 'SIGTERM' : 'SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a throwaway redis-server (no persistence, loopback only). */
export async function startRedis(): Promise<RunningService> {
  if (!redisAvailable()) throw new Error('redis-server is not installed; apt-get install redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'facet-redis-'));
  const port = await freePort();
  const conf = join(dir, 'redis.conf');
  writeFileSync(conf, `port ${port}\nbind 127.0.0.1\nsave ""\nappendonly no\ndir ${dir}\n`);
  const child = spawn('redis-server', [conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  await waitFor(() => log.includes('Ready to accept connections') || child.exitCode !== null, 'redis');
  if (child.exitCode !== null) throw new Error(`redis exited: ${log.slice(-2000)}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
