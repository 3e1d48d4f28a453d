/**
 * Selecting and copying cells: click selects a cell, Shift+click or a drag a range, a click on a
 * row number the whole row; arrow keys, Page Up/Down, Home/End (Ctrl/Cmd to jump) move it, with
 * Shift they extend it; Ctrl/Cmd+A selects everything and Ctrl/Cmd+C copies the range as TSV.
 */
import type { Table, Vector } from 'apache-arrow';
import { type ClipboardEvent, type KeyboardEvent, type MouseEvent, useRef, useState } from 'react';
import { rangeToTsv, writeClipboard } from './copy-cells.ts';
import { type CellPosition, type GridSelection, moveFocus, selectionRange } from './grid-selection.ts';

export interface GridSelectionApi {
  selection: GridSelection | undefined;
  /** A short sentence for a live region after a copy. */
  status: string;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  onMouseDown: (event: MouseEvent<HTMLDivElement>) => void;
  onMouseOver: (event: MouseEvent<HTMLDivElement>) => void;
  onCopy: (event: ClipboardEvent<HTMLDivElement>) => void;
}

export interface SelectionContext {
  table: Table;
  columns: readonly (Vector | null)[];
  order: Uint32Array | undefined;
  rowsPerPage: number;
  /** Scrolls so that a cell is in view. */
  reveal: (cell: CellPosition) => void;
}

export function useGridSelection({
  table,
  columns,
  order,
  rowsPerPage,
  reveal,
}: SelectionContext): GridSelectionApi {
  // Kept with the table it belongs to, so a new result starts with nothing selected.
  const [state, setState] = useState<{ table: Table; selection: GridSelection } | undefined>();
  const [status, setStatus] = useState('');
  const dragging = useRef(false);
  const pending = useRef<string | undefined>(undefined);
  const selection = state?.table === table ? state.selection : undefined;
  const rows = table.numRows;
  const cols = columns.length;
  const select = (next: GridSelection): void => setState({ table, selection: next });

  const tsv = (current: GridSelection): string => rangeToTsv(columns, order, selectionRange(current));

  const copy = (): void => {
    if (!selection) return;
    const text = tsv(selection);
    const range = selectionRange(selection);
    const count = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    pending.current = text;
    writeClipboard(text, () => document.execCommand('copy')).then(
      (ok) => {
        pending.current = undefined;
        setStatus(
          ok
            ? `Copied ${count.toLocaleString()} ${count === 1 ? 'cell' : 'cells'}.`
            : 'Copying is not allowed here.',
        );
      },
      () => undefined,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys on the header's buttons and resize handles are theirs.
    if (event.target !== event.currentTarget || rows === 0 || cols === 0) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (mod && key === 'c') copy();
    else if (mod && key === 'a')
      select({ anchor: { row: 0, col: 0 }, focus: { row: rows - 1, col: cols - 1 } });
    else {
      const from = selection?.focus;
      const moved = moveFocus(from ?? ORIGIN, { key, jump: mod }, { rows, cols, page: rowsPerPage });
      if (!moved) return;
      // The first navigation key selects the first cell.
      const next = from ? moved : ORIGIN;
      select({ anchor: event.shiftKey && selection ? selection.anchor : next, focus: next });
      reveal(next);
    }
    event.preventDefault();
    // Arrow keys would also move the selected block on the canvas.
    event.stopPropagation();
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>): void => {
    const cell = cellAt(event.target);
    if (event.button !== 0 || !cell || cols === 0) return;
    event.preventDefault(); // no text selection; the grid takes the focus instead
    event.currentTarget.focus({ preventScroll: true });
    dragging.current = true;
    if (cell.col < 0) {
      const anchorRow = event.shiftKey && selection ? selection.anchor.row : cell.row;
      select({ anchor: { row: anchorRow, col: 0 }, focus: { row: cell.row, col: cols - 1 } });
    } else {
      select({ anchor: event.shiftKey && selection ? selection.anchor : cell, focus: cell });
    }
  };

  const onMouseOver = (event: MouseEvent<HTMLDivElement>): void => {
    if (!dragging.current) return;
    if ((event.buttons & 1) === 0) {
      dragging.current = false;
      return;
    }
    const cell = cellAt(event.target);
    if (cell && cell.col >= 0 && selection) select({ anchor: selection.anchor, focus: cell });
  };

  // The copy command (the fallback above, or Edit → Copy in a menu) fills the event's data.
  const onCopy = (event: ClipboardEvent<HTMLDivElement>): void => {
    const text = pending.current ?? (selection ? tsv(selection) : undefined);
    if (text === undefined) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  };

  return { selection, status, onKeyDown, onMouseDown, onMouseOver, onCopy };
}

const ORIGIN: CellPosition = { row: 0, col: 0 };

/**
 * The cell (or row number, col -1) under an event target: the row's `data-row`, and the cell's
 * `data-col` (cells keep it while their row is reused for other rows; the row number has none).
 */
function cellAt(target: EventTarget): CellPosition | undefined {
  const element = target instanceof Element ? target.closest<HTMLElement>('[data-col], [data-rownum]') : null;
  const rowElement = element?.closest<HTMLElement>('[data-row]');
  if (!element || !rowElement) return undefined;
  const row = Number(rowElement.dataset.row);
  const col = Number(element.dataset.col ?? -1);
  return Number.isInteger(row) && Number.isInteger(col) ? { row, col } : undefined;
}
