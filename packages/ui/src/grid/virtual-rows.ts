/**
 * Which rows to draw for a scroll position. Browsers cap an element's height (Chromium near 33M px,
 * Firefox near 17M px), so past MAX_SCROLL_HEIGHT the scrollable height is scaled down and the
 * scroll position mapped back to a row: a million rows (26M px) still reach the last row.
 */

export const ROW_HEIGHT = 26;
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface RowWindow {
  /** First and one-past-last row to draw (overscan included). */
  first: number;
  last: number;
  /** The height of the scrollable body, in px. */
  scrollHeight: number;
  /** Where row `row` is drawn inside the body, in px. */
  top: (row: number) => number;
}

/**
 * `viewport`: the visible height of the body (without the header), in px. `overscan` rows are
 * drawn past each edge of the view, or `overscanAfter` below it when given (more rows ahead of a
 * scroll than behind it).
 */
export function rowWindow(
  rowCount: number,
  scrollTop: number,
  viewport: number,
  overscan: number,
  overscanAfter = overscan,
): RowWindow {
  const { scrollHeight, ratio } = geometry(rowCount, viewport);
  // Overscrolled (elastic scrolling, a stale position after the result shrank): the last page.
  const logicalTop = Math.min(Math.max(0, scrollTop) * ratio, Math.max(0, rowCount * ROW_HEIGHT - viewport));
  const first = Math.max(0, Math.floor(logicalTop / ROW_HEIGHT) - overscan);
  const last = Math.min(rowCount, Math.ceil((logicalTop + viewport) / ROW_HEIGHT) + overscanAfter);
  return { first, last, scrollHeight, top: (row) => row * ROW_HEIGHT - logicalTop + Math.max(0, scrollTop) };
}

/** The scroll position that brings `row` fully into view with the least movement (or `scrollTop`). */
export function scrollTopFor(row: number, rowCount: number, scrollTop: number, viewport: number): number {
  const { ratio } = geometry(rowCount, viewport);
  const logicalTop = scrollTop * ratio;
  const rowTop = row * ROW_HEIGHT;
  let next = logicalTop;
  if (rowTop < logicalTop) next = rowTop;
  else if (rowTop + ROW_HEIGHT > logicalTop + viewport) next = rowTop + ROW_HEIGHT - viewport;
  return next === logicalTop ? scrollTop : Math.max(0, next / ratio);
}

/** How many whole rows fit in the viewport (for Page Up/Down). */
export function rowsPerPage(viewport: number): number {
  return Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
}

function geometry(rowCount: number, viewport: number): { scrollHeight: number; ratio: number } {
  const total = rowCount * ROW_HEIGHT;
  const scrollHeight = Math.min(total, MAX_SCROLL_HEIGHT);
  const range = scrollHeight - viewport;
  const ratio = total > scrollHeight && range > 0 ? (total - viewport) / range : 1;
  return { scrollHeight, ratio };
}
