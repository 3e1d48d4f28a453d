/** A table profile as a readable summary: one line per column. */
import type { ColumnProfile, TableProfile } from '@facet/engine/common';
import { formatStat } from '../output/numbers.ts';
import { type TableColumn, formatTable } from '../output/table.ts';

/** How many of the most frequent values a summary line lists. */
const TOP_SHOWN = 3;

const COLUMNS: TableColumn[] = [
  { name: 'column' },
  { name: 'type' },
  { name: 'nulls', align: 'right' },
  { name: 'distinct', align: 'right' },
  { name: 'min' },
  { name: 'max' },
  { name: 'mean', align: 'right' },
  { name: 'top values' },
];

export function profileSummary(profile: TableProfile, maxWidth?: number): string {
  const { rowCount, columns } = profile;
  const heading =
    `${profile.table}: ${rowCount} ${rowCount === 1 ? 'row' : 'rows'}, ` +
    `${columns.length} ${columns.length === 1 ? 'column' : 'columns'} (${Math.round(profile.elapsedMs)} ms)`;
  const rows = columns.map((c) => [
    c.name,
    c.type,
    c.nulls,
    c.category === 'other' ? null : c.distinct,
    c.min,
    c.max,
    formatStat(c.mean),
    topValues(c),
  ]);
  return `${heading}\n${formatTable(COLUMNS, rows, { maxWidth, nullText: '' })}`;
}

/** `sun 714, fog 101, rain 641, …` */
function topValues(column: ColumnProfile): string | null {
  const top = column.topValues;
  if (!top || top.length === 0) return null;
  const shown = top.slice(0, TOP_SHOWN).map((t) => `${t.value ?? 'NULL'} ${t.count}`);
  return top.length > TOP_SHOWN ? `${shown.join(', ')}, …` : shown.join(', ');
}
