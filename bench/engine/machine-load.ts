/**
 * How busy the rest of the machine was while an engine ran: CPU time of the whole machine (from
 * /proc/stat) minus this process's own, per second of wall time. On a small shared machine a test
 * run next to the benchmark skews its timings badly, and this is how the report can say so.
 * Linux only; elsewhere nothing is measured.
 */
import { readFileSync } from 'node:fs';

/** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every common build. */
const TICKS_PER_SECOND = 100;

interface Sample {
  machineBusySeconds: number;
  ownSeconds: number;
  wallSeconds: number;
}

/** Starts watching; the function returned gives the average number of cores other processes used. */
export function watchOtherLoad(): () => number | undefined {
  const start = sample();
  return () => {
    const end = sample();
    if (!start || !end || end.wallSeconds <= start.wallSeconds) return undefined;
    const others = end.machineBusySeconds - start.machineBusySeconds - (end.ownSeconds - start.ownSeconds);
    return Math.max(0, others / (end.wallSeconds - start.wallSeconds));
  };
}

function sample(): Sample | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  // cpu  user nice system idle iowait irq softirq steal …
  const fields = (stat.split('\n', 1)[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
  const usage = process.resourceUsage();
  return {
    machineBusySeconds: (user + nice + system + irq + softirq) / TICKS_PER_SECOND,
    ownSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    wallSeconds: performance.now() / 1000,
  };
}
