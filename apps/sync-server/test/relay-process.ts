import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface RelayProcess {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Ends the process with a signal and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `src/main.ts` as its own process (what `npm run relay` runs) and waits for its URL. */
export function spawnRelay(args: string[], env: Record<string, string> = {}): Promise<RelayProcess> {
  // `node --import tsx`, not the tsx launcher: the launcher runs the relay in a child process, so a
  // SIGKILL would kill only the launcher and leave the relay running.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, '--port', '0', '--log-level', 'info', ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${err.slice(-2000)}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}: ${err.slice(-2000)}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"relay listening"'));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = (JSON.parse(line) as { url: string }).url;
      resolve({
        url,
        wsUrl: url.replace(/^http/, 'ws'),
        child,
        kill: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill(signal);
          }),
      });
    });
  });
}
