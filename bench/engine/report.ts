/**
 * Turns the measurements into the printed table (one row per step, one column per engine, each
 * cell the median and its ratio to the baseline) and the JSON written next to it.
 */
import type { Mismatch } from './checks.ts';
import { BASELINE } from './engines.ts';
import { FLIGHTS_QUERIES } from './flights-queries.ts';
import { H2O_QUESTIONS } from './h2o-queries.ts';
import type { EngineResult, Measurement } from './measure.ts';
import { formatMs, formatRate, formatRatio, geometricMean } from './stats.ts';

/** A row of the table: a label and how to find its measurement in an engine's result. */
interface Row {
  label: string;
  get: (r: EngineResult) => Measurement | undefined;
  /** The part and id under which mismatches of this row are reported. */
  key?: string;
}

/** Geometric-mean ratios to the baseline, per engine. */
export interface RatioSummary {
  groupby?: number;
  flights?: number;
  csvImport?: number;
  profile?: number;
  parquetLoad?: number;
}

/** Cores other processes may use during a run before its timings are called disturbed. */
const DISTURBED_CORES = 0.2;

const GROUPBY_ROWS: Row[] = H2O_QUESTIONS.map((q) => ({
  label: `${q.id} ${q.question}`,
  get: (r) => r.groupby[q.id],
  key: `groupby:${q.id}`,
}));
const FLIGHTS_ROWS: Row[] = FLIGHTS_QUERIES.map((q) => ({
  label: `${q.id} ${q.question}`,
  get: (r) => r.flights[q.id],
  key: `flights:${q.id}`,
}));

/** The ratio of an engine's median to the baseline's for one row, when both exist. */
function ratioOf(row: Row, result: EngineResult, baseline: EngineResult | undefined): number | undefined {
  const mine = row.get(result)?.medianMs;
  const base = baseline ? row.get(baseline)?.medianMs : undefined;
  if (mine === null || mine === undefined || base === null || base === undefined || base <= 0)
    return undefined;
  return mine / base;
}

/** Geometric-mean ratios to the baseline for every engine that ran. */
export function summarizeRatios(results: readonly EngineResult[]): Record<string, RatioSummary> {
  const baseline = results.find((r) => r.engine === BASELINE && started(r));
  const summary: Record<string, RatioSummary> = {};
  for (const result of results.filter(started)) {
    const over = (rows: Row[]): number | undefined =>
      geometricMean(rows.map((row) => ratioOf(row, result, baseline)).filter((x) => x !== undefined));
    summary[result.engine] = {
      groupby: over(GROUPBY_ROWS),
      flights: over(FLIGHTS_ROWS),
      csvImport: over([{ label: '', get: (r) => r.csvImport }]),
      profile: over([{ label: '', get: (r) => r.profile }]),
      parquetLoad: over([{ label: '', get: (r) => r.parquetLoad }]),
    };
  }
  return summary;
}

/** The report as printed: tables, skipped engines, errors and answer mismatches. */
export function formatReport(
  results: readonly EngineResult[],
  mismatches: readonly Mismatch[],
  title: string,
): string {
  const ran = results.filter(started);
  const baseline = ran.find((r) => r.engine === BASELINE);
  const flagged = new Set(mismatches.map((m) => `${m.part}:${m.id}:${m.engine}`));
  const cell = (row: Row, r: EngineResult): string => {
    const m = row.get(r);
    if (!m) return '—';
    if (m.medianMs === null) return 'error';
    const ratio = r === baseline ? undefined : ratioOf(row, r, baseline);
    const mark = row.key && flagged.has(`${row.key}:${r.engine}`) ? ' ≠' : '';
    return `${formatMs(m.medianMs)}${ratio !== undefined ? ` ${formatRatio(ratio)}` : ''}${mark}`;
  };
  const ratios = summarizeRatios(results);
  const geomeanRow = (label: string, pick: (s: RatioSummary) => number | undefined): string[] => [
    label,
    ...ran.map((r) => (r === baseline ? '1.00×' : formatGeomean(pick(ratios[r.engine] ?? {})))),
  ];
  const table: string[][] = [
    [`median ms (× ${BASELINE})`, ...ran.map((r) => r.engine)],
    ['engine start', ...ran.map((r) => cell({ label: '', get: startOf }, r))],
    ['csv import', ...ran.map((r) => cell({ label: '', get: (x) => x.csvImport }, r))],
    ['  rows/s', ...ran.map((r) => rate(r.csvImport?.rowsPerSecond, 'rows'))],
    ['  MB/s', ...ran.map((r) => rate(r.csvImport?.megabytesPerSecond, 'MB'))],
    ['profile (all columns)', ...ran.map((r) => cell({ label: '', get: (x) => x.profile }, r))],
    ...GROUPBY_ROWS.map((row) => [row.label, ...ran.map((r) => cell(row, r))]),
    geomeanRow('geomean q1–q10', (s) => s.groupby),
    ['parquet load (flights 3M)', ...ran.map((r) => cell({ label: '', get: (x) => x.parquetLoad }, r))],
    ...FLIGHTS_ROWS.map((row) => [row.label, ...ran.map((r) => cell(row, r))]),
    geomeanRow('geomean f1–f5', (s) => s.flights),
  ];
  const lines = [title, '', ...renderTable(table), ''];
  const summaries = ran
    .filter((r) => r !== baseline)
    .map((r) => {
      const s = ratios[r.engine] ?? {};
      return `${r.engine} groupby ${formatGeomean(s.groupby)}, flights ${formatGeomean(s.flights)}`;
    });
  lines.push(
    baseline === undefined
      ? `Summary: no ratios, ${BASELINE} did not run.`
      : `Summary (geometric mean of ratios to ${BASELINE}; lower is faster): ` +
          (summaries.length > 0 ? summaries.join('; ') : 'no other engine ran'),
  );
  for (const r of results.filter((x) => x.status !== 'ok'))
    lines.push(`${r.engine}: ${r.status} (${r.reason})`);
  for (const r of ran.filter((x) => (x.otherProcessCores ?? 0) > DISTURBED_CORES)) {
    lines.push(
      `Warning: other processes kept ${r.otherProcessCores?.toFixed(2)} cores busy on average while ${r.engine} ` +
        'ran; its timings are disturbed (rerun on a quiet machine).',
    );
  }
  for (const r of ran) {
    for (const row of [
      { label: 'csv import', get: (x: EngineResult) => x.csvImport },
      { label: 'profile', get: (x: EngineResult) => x.profile },
      ...GROUPBY_ROWS,
      { label: 'parquet load', get: (x: EngineResult) => x.parquetLoad },
      ...FLIGHTS_ROWS,
    ]) {
      const error = row.get(r)?.error;
      if (error !== undefined) lines.push(`${r.engine} ${row.label}: error: ${error}`);
    }
  }
  if (mismatches.length === 0) {
    lines.push('Answers: row counts and checksums agree across engines.');
  } else {
    lines.push('Answers that disagree with the reference (marked ≠):');
    for (const m of mismatches) {
      lines.push(
        `  ${m.id} ${m.engine}: rows ${m.actual.rows}, sums [${m.actual.sums.join(', ')}]; ` +
          `${m.reference}: rows ${m.expected.rows}, sums [${m.expected.sums.join(', ')}]`,
      );
    }
  }
  return lines.join('\n');
}

/** The start time as a measurement, so that it gets a cell and a ratio like the other steps. */
function startOf(r: EngineResult): Measurement | undefined {
  return r.startMs === undefined ? undefined : { medianMs: r.startMs, runsMs: [r.startMs] };
}

/** Whether the engine started, so that it has (at least partial) measurements to show. */
function started(r: EngineResult): boolean {
  return r.startMs !== undefined;
}

function formatGeomean(value: number | undefined): string {
  return value === undefined ? '—' : formatRatio(value);
}

function rate(value: number | undefined, unit: string): string {
  return value === undefined ? '—' : formatRate(value, unit);
}

/** Left-aligns the first column and right-aligns the others. */
function renderTable(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((row) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('   '),
  );
}
