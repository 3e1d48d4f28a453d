/**
 * One drawn row of the results grid. The grid keys its rows by their slot in the drawn window, not
 * by the result row they show, so scrolling rewrites the text of the same elements instead of
 * building new ones. A row is a flex line of fixed-width cells (see result-grid.css).
 */
import { memo } from 'react';
import { ROW_HEIGHT } from './virtual-rows.ts';

export interface GridRowProps {
  /** The row as shown (after sorting), 0-based. */
  row: number;
  /** The text of each cell. */
  texts: readonly string[];
  /** Each column's width in px. */
  widths: readonly number[];
  rownumWidth: number;
  /** Prefix of the cells' ids (`${idPrefix}-r${row}-c${col}`, for `aria-activedescendant`). */
  idPrefix: string;
  /** The selected columns of this row, first and last; `-1` when none of its cells is selected. */
  selectedFrom: number;
  selectedTo: number;
  /** The active cell's column when it is in this row, else `-1`. */
  activeCol: number;
}

/** The id of the cell at a view row and column. */
export function gridCellId(idPrefix: string, row: number, col: number): string {
  return `${idPrefix}-r${row}-c${col}`;
}

function GridRowView({
  row,
  texts,
  widths,
  rownumWidth,
  idPrefix,
  selectedFrom,
  selectedTo,
  activeCol,
}: GridRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={row + 2}
      data-row={row}
      className="facet-grid-row"
      style={{ height: ROW_HEIGHT }}
    >
      <div className="facet-grid-rownum" aria-hidden="true" data-rownum="" style={{ width: rownumWidth }}>
        {row + 1}
      </div>
      {texts.map((text, col) => (
        // Only what changes with the row shown is written on a scroll: the id is on the active
        // cell alone (for the grid's aria-activedescendant), the row number on the row.
        <div
          key={col}
          id={activeCol === col ? gridCellId(idPrefix, row, col) : undefined}
          role="gridcell"
          aria-colindex={col + 1}
          aria-selected={col >= selectedFrom && col <= selectedTo && selectedFrom >= 0}
          data-col={col}
          data-active={activeCol === col ? '' : undefined}
          className="facet-grid-cell"
          style={{ width: widths[col] }}
          title={text}
        >
          {text}
        </div>
      ))}
    </div>
  );
}

/** Props are equal when every field is, and `texts` holds the same strings (it is rebuilt per render). */
function sameRow(a: GridRowProps, b: GridRowProps): boolean {
  return (
    a.row === b.row &&
    a.widths === b.widths &&
    a.rownumWidth === b.rownumWidth &&
    a.idPrefix === b.idPrefix &&
    a.selectedFrom === b.selectedFrom &&
    a.selectedTo === b.selectedTo &&
    a.activeCol === b.activeCol &&
    a.texts.length === b.texts.length &&
    a.texts.every((text, i) => text === b.texts[i])
  );
}

export const GridRow = memo(GridRowView, sameRow);
