/**
 * The results grid: reads an Arrow table lazily and renders only the rows in view, so a million
 * rows scroll like ten. Exposed as an ARIA grid: a header row of column headers (sortable, with
 * `aria-sort`, and resizable), then the visible rows with their cells (`aria-rowindex` says where
 * each sits in the whole result, `aria-selected` which are selected). Cells are selected with the
 * mouse or the keyboard and copied with Ctrl/Cmd+C as TSV.
 */
import { VisuallyHidden } from '@mantine/core';
import type { Table } from 'apache-arrow';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cellText } from './cell-text.ts';
import { initialColumnWidths } from './column-widths.ts';
import { GridHeader } from './GridHeader.tsx';
import { type CellPosition, selectionRange } from './grid-selection.ts';
import { GridRow, gridCellId } from './GridRow.tsx';
import { readRows } from './read-rows.ts';
import { useGridSelection } from './use-grid-selection.ts';
import { useSortOrder } from './use-sort-order.ts';
import { ROW_HEIGHT, rowsPerPage, rowWindow, scrollTopFor } from './virtual-rows.ts';

/**
 * Rows drawn past the view: more ahead of a scroll (drawn before it reaches them) than behind, as
 * every drawn row is laid out again on each scroll.
 */
const OVERSCAN_AHEAD = 6;
const OVERSCAN_BEHIND = 2;
/** Rows drawn before the grid has been measured (no layout yet). */
const UNMEASURED_ROWS = 10;

export interface ResultGridProps {
  table: Table;
  /** The grid's height in px, header included; without it the grid fills its flex parent. */
  height?: number;
  /** The grid's accessible name. */
  label?: string;
}

export function ResultGrid({ table, height, label = 'Result' }: ResultGridProps) {
  const id = useId();
  const gridRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, down: true });
  const scrollTop = scroll.top;
  const scrollTo = (top: number): void =>
    setScroll((previous) => (previous.top === top ? previous : { top, down: top >= previous.top }));
  const fallbackBody =
    height !== undefined ? Math.max(ROW_HEIGHT, height - ROW_HEIGHT) : UNMEASURED_ROWS * ROW_HEIGHT;
  const [measuredBody, setMeasuredBody] = useState<number | undefined>();
  const bodyHeight = measuredBody ?? fallbackBody;
  const columns = useMemo(
    () => table.schema.fields.map((field, i) => ({ name: field.name, vector: table.getChildAt(i) })),
    [table],
  );
  const sort = useSortOrder(table, columns);
  const defaultWidths = useMemo(() => initialColumnWidths(table), [table]);
  // Widths the person set, by column name, so they survive a re-run.
  const [resized, setResized] = useState<Readonly<Record<string, number>>>({});
  // Memoized: the rows compare them by identity to skip drawing again.
  const widths = useMemo(
    () => columns.map((c, i) => resized[c.name] ?? defaultWidths[i] ?? 120),
    [columns, resized, defaultWidths],
  );
  // Wide enough for the largest row number.
  const rownumWidth = Math.max(40, Math.ceil(String(table.numRows).length * 7.5 + 18));
  const totalWidth = rownumWidth + widths.reduce((a, b) => a + b, 0);
  const template = `${rownumWidth}px ${widths.map((w) => `${w}px`).join(' ')}`;

  // The visible body height: the header and a horizontal scrollbar take their share, and the
  // block around a filling grid may be resized at any time.
  useLayoutEffect(() => {
    const element = gridRef.current;
    if (!element) return undefined;
    const measure = (): void => {
      const body = element.clientHeight - ROW_HEIGHT;
      setMeasuredBody(body > 0 ? body : undefined);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [height, totalWidth]);

  const reveal = (cell: CellPosition): void => {
    const element = gridRef.current;
    const top = scrollTopFor(cell.row, table.numRows, scrollTop, bodyHeight);
    if (top !== scrollTop) {
      scrollTo(top);
      if (element) element.scrollTop = top;
    }
    if (!element) return;
    const left = rownumWidth + widths.slice(0, cell.col).reduce((a, b) => a + b, 0);
    const right = left + (widths[cell.col] ?? 0);
    if (left - rownumWidth < element.scrollLeft) element.scrollLeft = left - rownumWidth;
    else if (right > element.scrollLeft + element.clientWidth)
      element.scrollLeft = right - element.clientWidth;
  };
  const select = useGridSelection({
    table,
    columns: columns.map((c) => c.vector),
    order: sort.order,
    rowsPerPage: rowsPerPage(bodyHeight),
    reveal,
  });
  const range = select.selection ? selectionRange(select.selection) : undefined;
  const focus = select.selection?.focus;

  const view = scroll.down
    ? rowWindow(table.numRows, scrollTop, bodyHeight, OVERSCAN_BEHIND, OVERSCAN_AHEAD)
    : rowWindow(table.numRows, scrollTop, bodyHeight, OVERSCAN_AHEAD, OVERSCAN_BEHIND);
  const sourceRows = new Uint32Array(Math.max(0, view.last - view.first));
  for (let i = 0; i < sourceRows.length; i++) {
    sourceRows[i] = sort.order ? sort.order[view.first + i]! : view.first + i;
  }
  // Only the visible window is converted (dates, decimals, lists… read as the CLI prints them).
  const values = columns.map((c) => (c.vector ? readRows(c.vector, sourceRows) : []));
  const activeVisible = focus && focus.row >= view.first && focus.row < view.last;
  // The drawn rows sit in one block moved by a transform: a scroll moves one element, not each row.
  // A 2D transform (not translate3d): a layer of its own cost more in commits than it saved.
  const offset = sourceRows.length > 0 ? view.top(view.first) : 0;

  return (
    <>
      <div
        ref={gridRef}
        className={`facet-grid nodrag nowheel nokey${height === undefined ? ' facet-grid-fill' : ''}`}
        role="grid"
        aria-label={label}
        aria-multiselectable="true"
        aria-rowcount={table.numRows + 1}
        aria-colcount={columns.length}
        aria-activedescendant={activeVisible ? gridCellId(id, focus.row, focus.col) : undefined}
        tabIndex={0}
        style={height !== undefined ? { height } : undefined}
        onScroll={(e) => scrollTo(e.currentTarget.scrollTop)}
        onKeyDown={select.onKeyDown}
        onMouseDown={select.onMouseDown}
        onMouseOver={select.onMouseOver}
        onCopy={select.onCopy}
      >
        <GridHeader
          names={columns.map((c) => c.name)}
          widths={widths}
          template={template}
          width={totalWidth}
          sort={sort.col === undefined ? undefined : { col: sort.col, direction: sort.direction }}
          onSort={sort.cycle}
          onResize={(col, width) => {
            const name = columns[col]?.name;
            if (name !== undefined) setResized((current) => ({ ...current, [name]: width }));
          }}
        />
        <div
          className="facet-grid-body"
          style={{ height: view.scrollHeight, width: totalWidth, minWidth: '100%' }}
        >
          <div
            className="facet-grid-rows"
            style={{ width: totalWidth, minWidth: '100%', transform: `translateY(${offset}px)` }}
          >
            {Array.from(sourceRows, (_, slot) => {
              const row = view.first + slot;
              const selected = range !== undefined && row >= range.top && row <= range.bottom;
              return (
                <GridRow
                  key={slot}
                  row={row}
                  texts={values.map((v) => cellText(v[slot]))}
                  widths={widths}
                  rownumWidth={rownumWidth}
                  idPrefix={id}
                  selectedFrom={selected ? range.left : -1}
                  selectedTo={selected ? range.right : -1}
                  activeCol={focus?.row === row ? focus.col : -1}
                />
              );
            })}
          </div>
        </div>
      </div>
      <VisuallyHidden role="status">{select.status}</VisuallyHidden>
    </>
  );
}
