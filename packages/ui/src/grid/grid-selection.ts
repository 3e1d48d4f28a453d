/**
 * The grid's cell selection: an anchor (where it started) and a focus (the active cell), both in
 * view coordinates (rows as shown, after sorting). Keys move the focus like a spreadsheet; with
 * Shift they extend the range from the anchor.
 */

export interface CellPosition {
  row: number;
  col: number;
}

export interface GridSelection {
  anchor: CellPosition;
  focus: CellPosition;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function selectionRange({ anchor, focus }: GridSelection): CellRange {
  return {
    top: Math.min(anchor.row, focus.row),
    bottom: Math.max(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    right: Math.max(anchor.col, focus.col),
  };
}

export function inRange(range: CellRange | undefined, row: number, col: number): boolean {
  return !!range && row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

export interface MoveKey {
  key: string;
  /** Ctrl or Cmd held: jump to the edge. */
  jump: boolean;
}

/** Where the focus goes for a navigation key, or undefined when the key does not navigate. */
export function moveFocus(
  from: CellPosition,
  { key, jump }: MoveKey,
  size: { rows: number; cols: number; page: number },
): CellPosition | undefined {
  const lastRow = Math.max(0, size.rows - 1);
  const lastCol = Math.max(0, size.cols - 1);
  const clampRow = (row: number): number => Math.min(lastRow, Math.max(0, row));
  const clampCol = (col: number): number => Math.min(lastCol, Math.max(0, col));
  switch (key) {
    case 'ArrowUp':
      return { row: jump ? 0 : clampRow(from.row - 1), col: from.col };
    case 'ArrowDown':
      return { row: jump ? lastRow : clampRow(from.row + 1), col: from.col };
    case 'ArrowLeft':
      return { row: from.row, col: jump ? 0 : clampCol(from.col - 1) };
    case 'ArrowRight':
      return { row: from.row, col: jump ? lastCol : clampCol(from.col + 1) };
    case 'PageUp':
      return { row: clampRow(from.row - size.page), col: from.col };
    case 'PageDown':
      return { row: clampRow(from.row + size.page), col: from.col };
    case 'Home':
      return { row: jump ? 0 : from.row, col: 0 };
    case 'End':
      return { row: jump ? lastRow : from.row, col: lastCol };
    default:
      return undefined;
  }
}
