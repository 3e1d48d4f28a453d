/**
 * Crash safety: a writer appending to a project is killed with SIGKILL at random moments. After
 * each kill the database passes `PRAGMA integrity_check` and holds every change whose append had
 * returned (the writer prints a change's number only after storing it).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../src/host/index.ts';
import { tempDir } from './temp-project.ts';

const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');

/** Runs the writer until it has stored some changes, kills it after a random delay; returns what it printed. */
function runAndKill(dir: string, start: number, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited on its own: ${err}`));
        return;
      }
      // Only complete lines were acknowledged; a half-written last line was not.
      const lines = out.split('\n');
      lines.pop();
      resolve(lines.map(Number));
    });
  });
}

describe('crash safety', () => {
  it('loses no stored change and stays intact when the writer is killed at random moments', async () => {
    const dir = path.join(tempDir(), 'Crash.facet');
    await Project.create(dir).close();
    let next = 0;
    const acknowledged: number[] = [];
    for (let round = 0; round < 6; round++) {
      const printed = await runAndKill(dir, next, 50 + Math.floor(Math.random() * 400));
      expect(printed.length).toBeGreaterThan(0);
      acknowledged.push(...printed);
      next = (printed.at(-1) ?? next) + 1;

      const project = Project.open(dir);
      try {
        expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const titles = new Set(
          project.canvases
            .doc(project.defaultCanvas())
            .blocks()
            .map((b) => b.title),
        );
        const lost = acknowledged.filter((i) => !titles.has(`u${i}`));
        expect(lost).toEqual([]);
      } finally {
        await project.close();
      }
    }
  }, 120_000);
});
