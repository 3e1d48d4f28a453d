/** Edit schedules shared by the phases: a fixed rate per client (open loop) and as fast as acked. */
import type { BenchClient } from './clients.ts';

/**
 * Every writer edits `rate` times a second for `seconds`, each starting at a random phase so edits do
 * not arrive in lockstep. Resolves when the last edit has been sent.
 */
export function editAtRate(writers: readonly BenchClient[], rate: number, seconds: number): Promise<void> {
  const period = 1000 / rate;
  const timers: NodeJS.Timeout[] = [];
  for (const writer of writers) {
    timers.push(
      setTimeout(
        () => {
          writer.edit();
          timers.push(setInterval(() => writer.edit(), period));
        },
        Math.random() * Math.min(period, seconds * 1000),
      ),
    );
  }
  return new Promise((resolve) =>
    setTimeout(() => {
      for (const timer of timers) clearTimeout(timer);
      resolve();
    }, seconds * 1000),
  );
}

/**
 * Closed loop: each writer sends its next edit as soon as the server acknowledged the previous one,
 * for `seconds`. Returns acknowledged edits per second over the time until the last acknowledgement.
 */
export async function editFlatOut(writers: readonly BenchClient[], seconds: number): Promise<number> {
  const started = performance.now();
  const until = started + seconds * 1000;
  let acked = 0;
  await Promise.all(
    writers.map(async (writer) => {
      while (performance.now() < until) {
        writer.edit();
        await writer.settled();
        acked++;
      }
    }),
  );
  return acked / ((performance.now() - started) / 1000);
}

/** The p-th percentile (0–100) of the values, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** Waits `ms` (lets the servers settle before a memory reading). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
