/**
 * Copying grid cells: a rectangular range as TSV (what spreadsheets paste as cells), and writing it
 * to the clipboard with the async Clipboard API, or the `copy` command where that API is missing
 * or refused (older WebViews, pages without clipboard permission).
 */
import type { Vector } from 'apache-arrow';
import { cellText } from './cell-text.ts';
import type { CellRange } from './grid-selection.ts';
import { readRows } from './read-rows.ts';

/** A field as spreadsheets read TSV: quoted when it holds a tab, a line break or a quote. */
export function tsvField(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The cells of `range` (view coordinates) as TSV lines. `order` maps view rows to table rows
 * (a sort); NULL copies as an empty cell.
 */
export function rangeToTsv(
  columns: readonly (Vector | null)[],
  order: Uint32Array | undefined,
  range: CellRange,
): string {
  const rows = new Uint32Array(range.bottom - range.top + 1);
  for (let i = 0; i < rows.length; i++) rows[i] = order ? order[range.top + i]! : range.top + i;
  const values = [];
  for (let c = range.left; c <= range.right; c++) {
    const vector = columns[c];
    values.push(vector ? readRows(vector, rows) : []);
  }
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    lines[r] = values
      .map((column) => {
        const value = column[r] ?? null;
        return value === null ? '' : tsvField(cellText(value));
      })
      .join('\t');
  }
  return lines.join('\n');
}

/**
 * Puts `text` on the clipboard. Tries `navigator.clipboard.writeText`, then `fallback` (which
 * should run `document.execCommand('copy')` from a handler that fills the copy event's data).
 * Resolves false when neither worked.
 */
export async function writeClipboard(text: string, fallback: () => boolean): Promise<boolean> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or the page is not focused: the copy command may still work.
    }
  }
  try {
    return fallback();
  } catch {
    return false;
  }
}
