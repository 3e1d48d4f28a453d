/** Command-line options of `npm run bench:relay`. */
import { parseArgs } from 'node:util';

export const PHASES = ['many', 'hot', 'cold'] as const;
export type Phase = (typeof PHASES)[number];

/** The benchmark's settings, after defaults (the sizes of issue 5 §7). */
export interface RelayBenchOptions {
  docs: number;
  clientsPerDoc: number;
  /** Documents multiplexed over one socket in the many-documents phase. */
  docsPerSocket: number;
  /** Edits per second per client in the many-documents latency window. */
  rate: number;
  /** Length of each measurement window (s). */
  seconds: number;
  writers: number[];
  /** Edits per second on the hot document, shared by its writers (so fan-out grows with N, not N²). */
  hotEdits: number;
  coldUpdates: number;
  coldRuns: number;
  /** How long a cold load may take before it is reported as timed out (s). */
  coldTimeout: number;
  phases: Phase[];
}

/** Thrown for a bad command line; its message is meant for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE =
  'Usage: npm run bench:relay [-- --docs 500 --clients-per-doc 3 --docs-per-socket 5 --rate 0.2 --seconds 8\n' +
  '                              --writers 10,50,100,200 --hot-edits 20 --cold-updates 100000 --cold-runs 3 --cold-timeout 60\n' +
  '                              --phases many,hot,cold --quick]\n' +
  '  --quick: 50 docs, writers 10,50, 10000 cold updates, 3 s windows (explicit options still win)';

const QUICK = { docs: '50', writers: '10,50', 'cold-updates': '10000', seconds: '3', 'cold-runs': '2' };
const FULL = {
  docs: '500',
  writers: '10,50,100,200',
  'cold-updates': '100000',
  seconds: '8',
  'cold-runs': '3',
};

/** Parses `process.argv.slice(2)`. */
export function parseBenchArgs(argv: readonly string[]): RelayBenchOptions {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        docs: { type: 'string' },
        'clients-per-doc': { type: 'string', default: '3' },
        'docs-per-socket': { type: 'string', default: '5' },
        rate: { type: 'string', default: '0.2' },
        seconds: { type: 'string' },
        writers: { type: 'string' },
        'hot-edits': { type: 'string', default: '20' },
        'cold-updates': { type: 'string' },
        'cold-runs': { type: 'string' },
        'cold-timeout': { type: 'string', default: '60' },
        phases: { type: 'string', default: PHASES.join(',') },
        quick: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const sizes = values.quick ? QUICK : FULL;
  const pick = (name: keyof typeof FULL) => values[name] ?? sizes[name];
  const writers = pick('writers')
    .split(',')
    .map((w) => whole('writers', w.trim(), 2));
  return {
    docs: whole('docs', pick('docs'), 1),
    clientsPerDoc: whole('clients-per-doc', values['clients-per-doc'], 2),
    docsPerSocket: whole('docs-per-socket', values['docs-per-socket'], 1),
    rate: positive('rate', values.rate),
    seconds: positive('seconds', pick('seconds')),
    writers: [...new Set(writers)].sort((a, b) => a - b),
    hotEdits: positive('hot-edits', values['hot-edits']),
    coldUpdates: whole('cold-updates', pick('cold-updates'), 1),
    coldRuns: whole('cold-runs', pick('cold-runs'), 1),
    coldTimeout: positive('cold-timeout', values['cold-timeout']),
    phases: parsePhases(values.phases),
  };
}

function whole(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${raw}".`);
  return value;
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name} must be a positive number, not "${raw}".`);
  return value;
}

function parsePhases(list: string): Phase[] {
  const names = list.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new UsageError(`Unknown phase "${unknown.join(', ')}"; choose from ${PHASES.join(', ')}.`);
  return PHASES.filter((p) => names.includes(p));
}
