/**
 * Aligned, human-readable tables:
 *
 *   date        precipitation  weather
 *   ----------  -------------  -------
 *   2012-01-01              0  drizzle
 *
 * Long cells are cut with `…`; given a width (the terminal's), the widest text columns shrink until
 * every line fits (numbers are never cut to fit).
 */
import type { JsValue } from '@facet/engine/common';
import { cellText, printable } from './cell-text.ts';
import { displayWidth, padToWidth, truncateToWidth } from './text-width.ts';

export interface TableColumn {
  name: string;
  /** Numbers read best right-aligned. Default: left. */
  align?: 'left' | 'right';
}

export interface TableLayout {
  /** Total line width to fit in (the terminal's width); unlimited when absent. */
  maxWidth?: number;
  /** Widest a single column may be. Default 40. */
  maxCellWidth?: number;
  /** Shown for NULL. Default `NULL`. */
  nullText?: string;
}

const GAP = '  ';
/** A column never shrinks below this many columns to fit the terminal (unless it is narrower). */
const MIN_FIT_WIDTH = 4;

/** Renders rows (one array of values per row, in column order) as an aligned table. */
export function formatTable(
  columns: readonly TableColumn[],
  rows: readonly JsValue[][],
  layout: TableLayout = {},
): string {
  if (columns.length === 0) return '';
  const nullText = layout.nullText ?? 'NULL';
  const header = columns.map((c) => printable(c.name));
  const body = rows.map((row) => columns.map((_, i) => printable(cellText(row[i] ?? null) ?? nullText)));
  const widths = columnWidths(columns, header, body, layout);
  const aligns = columns.map((c) => c.align ?? 'left');
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        padToWidth(truncateToWidth(cell, widths[i] ?? 0), widths[i] ?? 0, aligns[i] ?? 'left'),
      )
      .join(GAP)
      .trimEnd();
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join(GAP), ...body.map(line)];
  return `${lines.join('\n')}\n`;
}

function columnWidths(
  columns: readonly TableColumn[],
  header: string[],
  body: string[][],
  layout: TableLayout,
): number[] {
  const maxCell = Math.max(1, layout.maxCellWidth ?? 40);
  const widths = header.map((name, i) => {
    let width = displayWidth(name);
    for (const row of body) width = Math.max(width, displayWidth(row[i] ?? ''));
    return Math.min(width, maxCell);
  });
  if (layout.maxWidth !== undefined) {
    // A cut number misleads, so only left-aligned (text) columns shrink to fit.
    const shrinkable = columns.map((c) => (c.align ?? 'left') === 'left');
    shrinkToFit(widths, shrinkable, layout.maxWidth - GAP.length * (widths.length - 1));
  }
  return widths;
}

/** Takes one column at a time off the widest shrinkable column until the widths add up to `budget`. */
function shrinkToFit(widths: number[], shrinkable: boolean[], budget: number): void {
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i] ?? 0;
      if (shrinkable[i] && w > MIN_FIT_WIDTH && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) return; // Everything is as narrow as it may get; let the terminal wrap.
    widths[widest] = (widths[widest] ?? 0) - 1;
    total--;
  }
}
