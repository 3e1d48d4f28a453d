/**
 * Runs the whole suite on one engine: CSV import, profile, the ten groupby questions, then the
 * parquet load and the dashboard queries. Every step runs `runs` times and keeps the median. A
 * failing step is recorded with its message and the suite moves on; the engine is always closed.
 */
import { type EngineName, loadPeer } from './engines.ts';
import { FLIGHTS_QUERIES, type FlightsId } from './flights-queries.ts';
import { H2O_QUESTIONS, type H2oId } from './h2o-queries.ts';
import { type Check, type Peer, type Timed, timed } from './peer.ts';
import { median, roundMs } from './stats.ts';

/** The timings of one step. `medianMs` is null when any run failed. */
export interface Measurement {
  medianMs: number | null;
  runsMs: number[];
  /** The answer's checksum, from the last run. */
  check?: Check;
  error?: string;
}

/** Everything measured on one engine. */
export interface EngineResult {
  engine: EngineName;
  status: 'ok' | 'failed' | 'skipped';
  /** Why the engine was skipped or could not start. */
  reason?: string;
  version?: string;
  /** Average number of cores other processes kept busy while this engine ran (Linux only). */
  otherProcessCores?: number;
  /** Time to start the engine (its module already loaded). */
  startMs?: number;
  csvImport?: Measurement & { rowsPerSecond?: number; megabytesPerSecond?: number };
  profile?: Measurement;
  groupby: Partial<Record<H2oId, Measurement>>;
  parquetLoad?: Measurement;
  flights: Partial<Record<FlightsId, Measurement>>;
}

/** What the suite runs on. */
export interface SuiteInput {
  runs: number;
  csv: { path: string; rows: number; bytes: number };
  parquetPath: string;
  log: (line: string) => void;
}

/** Starts `name`, runs the suite on it and closes it. */
export async function measureEngine(name: EngineName, input: SuiteInput): Promise<EngineResult> {
  const result: EngineResult = { engine: name, status: 'ok', groupby: {}, flights: {} };
  let peer: Peer;
  try {
    const start = await loadPeer(name);
    const { ms, value } = await timed(start);
    result.startMs = roundMs(ms);
    peer = value;
  } catch (error) {
    return { ...result, status: 'failed', reason: `could not start: ${messageOf(error)}` };
  }
  result.version = peer.version;
  try {
    await runSuite(peer, input, result);
  } catch (error) {
    result.status = 'failed';
    result.reason = messageOf(error);
  } finally {
    await peer.close().catch((error: unknown) => input.log(`${name}: close failed: ${messageOf(error)}`));
  }
  return result;
}

async function runSuite(peer: Peer, input: SuiteInput, result: EngineResult): Promise<void> {
  const { runs, csv, log } = input;
  const step = (label: string, work: () => Promise<Timed>): Promise<Measurement> =>
    repeat(runs, work).then((m) => {
      log(`${result.engine}: ${label} ${describe(m)}`);
      return m;
    });

  const csvImport = await step('csv import', () => peer.loadCsv(csv.path));
  const seconds = csvImport.medianMs !== null ? csvImport.medianMs / 1000 : undefined;
  result.csvImport = {
    ...csvImport,
    ...(seconds ? { rowsPerSecond: csv.rows / seconds, megabytesPerSecond: csv.bytes / 1e6 / seconds } : {}),
  };
  if (csvImport.medianMs !== null) {
    result.profile = await step('profile', () => peer.profile());
    for (const q of H2O_QUESTIONS) result.groupby[q.id] = await step(q.id, () => peer.groupby(q.id));
    await peer.dropCsv();
  }

  result.parquetLoad = await step('parquet load', () => peer.loadParquet(input.parquetPath));
  if (result.parquetLoad.medianMs !== null) {
    for (const q of FLIGHTS_QUERIES) result.flights[q.id] = await step(q.id, () => peer.flights(q.id));
  }
}

/** Runs `work` `runs` times; stops at the first error and records it. */
async function repeat(runs: number, work: () => Promise<Timed>): Promise<Measurement> {
  const runsMs: number[] = [];
  let check: Check | undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const outcome = await work();
      runsMs.push(roundMs(outcome.ms));
      check = outcome.check;
    }
  } catch (error) {
    return { medianMs: null, runsMs, ...(check ? { check } : {}), error: messageOf(error) };
  }
  return { medianMs: roundMs(median(runsMs) ?? 0), runsMs, ...(check ? { check } : {}) };
}

function describe(m: Measurement): string {
  if (m.error !== undefined) return `failed: ${m.error}`;
  return `${m.runsMs.map((ms) => ms.toFixed(1)).join(' / ')} ms`;
}

/** The first line of an error's message, short enough for a table footnote. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0] ?? text;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
