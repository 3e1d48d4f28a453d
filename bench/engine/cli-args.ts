/** Command-line options of `npm run bench:engine`. */
import { parseArgs } from 'node:util';
import { ENGINE_NAMES, type EngineName } from './engines.ts';
import { rowsLabel } from './h2o-data.ts';

/** The benchmark's settings, after defaults. */
export interface BenchOptions {
  rows: number;
  runs: number;
  engines: EngineName[];
  /** True when `--engines` was given: size guards then yield to the explicit choice. */
  enginesExplicit: boolean;
  out: string;
  dataDir: string;
}

/** Thrown for a bad command line; its message is meant for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The usage line printed with a command-line error. */
export const USAGE =
  'Usage: npm run bench:engine [-- --rows 1e6] [--runs 3] ' +
  `[--engines ${ENGINE_NAMES.join(',')}] [--out FILE] [--data-dir .bench-data]`;

/** Parses the command line (`process.argv.slice(2)`). */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const values = parseOptions(argv);
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 100) {
    throw new UsageError(`--rows must be a whole number of at least 100 (e.g. 1e6), not "${values.rows}".`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs must be 1 or more, not "${values.runs}".`);
  const engines = values.engines === undefined ? [...ENGINE_NAMES] : parseEngines(values.engines);
  return {
    rows,
    runs,
    engines,
    enginesExplicit: values.engines !== undefined,
    out: values.out ?? `bench-results/engine-${rowsLabel(rows)}.json`,
    dataDir: values['data-dir'],
  };
}

function parseEngines(list: string): EngineName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(ENGINE_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`Unknown engine "${unknown.join(', ')}"; choose from ${ENGINE_NAMES.join(', ')}.`);
  }
  // Keep the canonical order so that the baseline runs first and report columns stay stable.
  return ENGINE_NAMES.filter((n) => names.includes(n));
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        rows: { type: 'string', default: '1e6' },
        runs: { type: 'string', default: '3' },
        engines: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string', default: '.bench-data' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
