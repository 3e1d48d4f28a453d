/**
 * The server side of `npm run bench:relay`: the relay under test and the Hocuspocus peer, each in its
 * own child process, and how their memory and event-loop delay are read (the relay through its
 * Prometheus `/metrics`, the peer through its `/stats`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** prom-client samples the event loop every 10 ms; the peer samples it the same way. */
export const EVENT_LOOP_RESOLUTION_MS = 10;

/** A server process's figures at one moment; the event-loop figures cover the time since the last read. */
export interface ProcessStats {
  rss: number;
  heapUsed: number;
  /** p99 and max of the event-loop delay samples (each includes the 10 ms sampling interval). */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  /** Rows in the relay's update log not yet compacted (0 for the peer, which keeps no log). */
  logRows: number;
}

export type ServerKind = 'ours' | 'peer';

/** A server child process. */
export interface ServerProcess {
  kind: ServerKind;
  /** http://127.0.0.1:port */
  url: string;
  wsUrl: string;
  stats(): Promise<ProcessStats>;
  /** Stops the process: SIGTERM (graceful) or SIGKILL (nothing stored on the way out). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RELAY_MAIN = `${ROOT}apps/sync-server/src/main.ts`;
const PEER_MAIN = fileURLToPath(new URL('./peer-server.ts', import.meta.url));

/** Starts our relay (`apps/sync-server/src/main.ts`) on a random port over `dataDir`. */
export function startOurs(dataDir: string): Promise<ServerProcess> {
  // Info level: the relay announces its URL with an info line; warnings and errors are passed on.
  return startChild(
    'ours',
    RELAY_MAIN,
    ['--port', '0', '--data', dataDir, '--log-level', 'info'],
    /relay listening/,
  );
}

/** Starts a stock Hocuspocus server; with `snapshot`, each document it loads starts from that file. */
export function startPeer(snapshot?: string): Promise<ServerProcess> {
  return startChild('peer', PEER_MAIN, snapshot ? ['--snapshot', snapshot] : [], /peer listening/);
}

function startChild(kind: ServerKind, main: string, args: string[], ready: RegExp): Promise<ServerProcess> {
  // FACET_BENCH_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops (open it in
  // Chrome DevTools' Performance panel) to see where its time goes under load.
  const profile = process.env.FACET_BENCH_PROFILE;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', main, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`  [${kind}] ${chunk.toString()}`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the ${kind} server did not start in 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${kind} server exited with code ${code} before it was ready`));
    });
    let started = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = parseLine(line);
      if (!started && entry && ready.test(String(entry.msg)) && typeof entry.url === 'string') {
        started = true;
        clearTimeout(timer);
        resolve(serverProcess(kind, child, entry.url, exited));
      } else if (entry && typeof entry.level === 'number' && entry.level >= 40) {
        process.stderr.write(`  [${kind}] ${line}\n`);
      }
    });
  });
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function serverProcess(
  kind: ServerKind,
  child: ChildProcess,
  url: string,
  exited: Promise<void>,
): ServerProcess {
  return {
    kind,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    stats: () => (kind === 'ours' ? relayStats(url) : peerStats(url)),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

async function peerStats(url: string): Promise<ProcessStats> {
  const res = await fetch(`${url}/stats`);
  if (!res.ok) throw new Error(`peer /stats answered ${res.status}`);
  return (await res.json()) as ProcessStats;
}

/** Reads the relay's Prometheus text; the event-loop histogram restarts with each scrape. */
async function relayStats(url: string): Promise<ProcessStats> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`relay /metrics answered ${res.status}`);
  const text = await res.text();
  const metric = (name: string): number => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    if (!match) throw new Error(`relay /metrics has no ${name}`);
    return Number(match[1]);
  };
  return {
    rss: metric('facet_relay_process_process_resident_memory_bytes'),
    heapUsed: metric('facet_relay_process_nodejs_heap_size_used_bytes'),
    eventLoopP99Ms: metric('facet_relay_process_nodejs_eventloop_lag_p99_seconds') * 1000,
    eventLoopMaxMs: metric('facet_relay_process_nodejs_eventloop_lag_max_seconds') * 1000,
    logRows: metric('facet_relay_log_rows'),
  };
}
