/**
 * The grid's header row: a column header per column with a sort button (click cycles ascending →
 * descending → unsorted; the state is `aria-sort`) and a resize handle on its right edge, dragged
 * with the pointer or moved with the arrow keys (Shift for bigger steps).
 */
import { type PointerEvent, useId, useRef } from 'react';
import { clampWidth, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './column-widths.ts';
import type { SortDirection } from './radix-sort.ts';

export interface GridHeaderProps {
  names: readonly string[];
  widths: readonly number[];
  template: string;
  width: number;
  sort: { col: number; direction: SortDirection } | undefined;
  onSort: (col: number) => void;
  onResize: (col: number, width: number) => void;
}

export function GridHeader({ names, widths, template, width, sort, onSort, onResize }: GridHeaderProps) {
  const idPrefix = useId();
  return (
    <div
      className="facet-grid-header"
      role="row"
      aria-rowindex={1}
      style={{ gridTemplateColumns: template, width, minWidth: '100%' }}
    >
      <div className="facet-grid-rownum" aria-hidden="true">
        #
      </div>
      {names.map((name, col) => {
        const direction = sort?.col === col ? sort.direction : undefined;
        // Named by its button alone: the resize handle's label is not part of the column's name.
        const labelId = `${idPrefix}-h${col}`;
        return (
          <div
            key={col}
            role="columnheader"
            aria-labelledby={labelId}
            aria-colindex={col + 1}
            aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
            className="facet-grid-cell facet-grid-headcell"
          >
            <button
              id={labelId}
              type="button"
              className="facet-grid-sort"
              title={`Sort by ${name}`}
              onClick={() => onSort(col)}
            >
              {name}
              {direction && <SortIcon direction={direction} />}
            </button>
            <ColumnResizer name={name} width={widths[col] ?? 0} onResize={(w) => onResize(col, w)} />
          </div>
        );
      })}
    </div>
  );
}

/** A drawn arrow, hidden from assistive tech (the header's `aria-sort` says it) and from its text. */
function SortIcon({ direction }: { direction: SortDirection }) {
  return (
    <svg className="facet-grid-sort-icon" width="8" height="8" viewBox="0 0 8 8" aria-hidden="true">
      <path d={direction === 'asc' ? 'M4 1 L7.5 7 L0.5 7 Z' : 'M4 7 L7.5 1 L0.5 1 Z'} fill="currentColor" />
    </svg>
  );
}

function ColumnResizer({
  name,
  width,
  onResize,
}: {
  name: string;
  width: number;
  onResize: (width: number) => void;
}) {
  const drag = useRef<{ x: number; width: number; scale: number } | undefined>(undefined);
  const end = (e: PointerEvent<HTMLDivElement>): void => {
    drag.current = undefined;
    delete e.currentTarget.dataset.resizing;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${name}`}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      className="facet-grid-resizer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.stopPropagation();
        // The canvas may be zoomed: a screen pixel is not a CSS pixel of the header.
        const cell = e.currentTarget.parentElement;
        const scale = cell ? cell.getBoundingClientRect().width / cell.offsetWidth : 1;
        drag.current = { x: e.clientX, width, scale: Number.isFinite(scale) && scale > 0 ? scale : 1 };
        e.currentTarget.dataset.resizing = '';
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const start = drag.current;
        if (start) onResize(clampWidth(start.width + (e.clientX - start.x) / start.scale));
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        if (e.key === 'ArrowLeft') onResize(clampWidth(width - step));
        else if (e.key === 'ArrowRight') onResize(clampWidth(width + step));
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    />
  );
}
