/** The table `npm run bench:relay` prints: our figure, the peer's, the ratio and the goal. */
import { formatMs, formatRatio } from '../engine/stats.ts';

export interface Row {
  measure: string;
  ours: number | undefined;
  peer: number | undefined;
  unit: 'ms' | 'KB' | '/s';
  /** The goal as an upper bound in `unit` (lower is better for every goal in issue 5 §7). */
  goalAtMost?: number;
  /** Our figure is a lower bound (the run hit its time limit). */
  oursAtLeast?: boolean;
}

/** A section heading inside the table. */
export interface Heading {
  heading: string;
}

function format(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'ms') return `${formatMs(value)} ms`;
  if (unit === 'KB') return `${(value / 1024).toFixed(1)} KB`;
  return `${Math.round(value).toLocaleString('en')}/s`;
}

function goal(row: Row): string {
  if (row.goalAtMost === undefined || row.ours === undefined) return '';
  const verdict = row.ours <= row.goalAtMost && !row.oursAtLeast ? 'met' : 'MISSED';
  return `≤ ${format(row.goalAtMost, row.unit)} ${verdict}`;
}

/** Prints the table on stdout. */
export function printTable(title: string, lines: readonly (Row | Heading)[], notes: readonly string[]): void {
  const cells = lines.map((line) =>
    'heading' in line
      ? line
      : [
          line.measure,
          `${line.oursAtLeast ? '> ' : ''}${format(line.ours, line.unit)}`,
          format(line.peer, line.unit),
          line.ours !== undefined && line.peer !== undefined && line.peer > 0 && line.ours >= 0
            ? `${line.oursAtLeast ? '> ' : ''}${formatRatio(line.ours / line.peer)}`
            : '',
          goal(line),
        ],
  );
  const header = ['', 'ours', 'peer', 'ours/peer', 'goal'];
  const rows = cells.filter((c): c is string[] => Array.isArray(c));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (r: readonly string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}\n`);
  console.log(render(header));
  for (const c of cells) console.log(Array.isArray(c) ? render(c) : `\n${c.heading}`);
  console.log('');
  for (const note of notes) console.log(note);
}
