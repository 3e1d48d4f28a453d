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
import { type CellPosition, inRange, selectionRange } from './grid-selection.ts';
import { readRows } from './read-rows.ts';
import { useGridSelection } from './use-grid-selection.ts';
import { useSortOrder } from './use-sort-order.ts';
import { ROW_HEIGHT, rowsPerPage, rowWindow, scrollTopFor } from './virtual-rows.ts';

const OVERSCAN = 8;
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
  const [scrollTop, setScrollTop] = useState(0);
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
  const widths = columns.map((c, i) => resized[c.name] ?? defaultWidths[i] ?? 120);
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
      setScrollTop(top);
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

  const view = rowWindow(table.numRows, scrollTop, bodyHeight, OVERSCAN);
  const sourceRows = new Uint32Array(Math.max(0, view.last - view.first));
  for (let i = 0; i < sourceRows.length; i++) {
    sourceRows[i] = sort.order ? sort.order[view.first + i]! : view.first + i;
  }
  // Only the visible window is converted (dates, decimals, lists… read as the CLI prints them).
  const values = columns.map((c) => (c.vector ? readRows(c.vector, sourceRows) : []));
  const cellId = (row: number, col: number): string => `${id}-r${row}-c${col}`;
  const activeVisible = focus && focus.row >= view.first && focus.row < view.last;

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
        aria-activedescendant={activeVisible ? cellId(focus.row, focus.col) : undefined}
        tabIndex={0}
        style={height !== undefined ? { height } : undefined}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
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
          style={{ position: 'relative', height: view.scrollHeight, width: totalWidth, minWidth: '100%' }}
        >
          {Array.from(sourceRows, (_, i) => {
            const row = view.first + i;
            return (
              <div
                key={row}
                role="row"
                aria-rowindex={row + 2}
                className="facet-grid-row"
                style={{ top: view.top(row), height: ROW_HEIGHT, gridTemplateColumns: template }}
              >
                <div className="facet-grid-rownum" aria-hidden="true" data-row={row}>
                  {row + 1}
                </div>
                {columns.map((c, col) => {
                  const text = cellText(values[col]?.[i]);
                  return (
                    <div
                      key={col}
                      id={cellId(row, col)}
                      role="gridcell"
                      aria-colindex={col + 1}
                      aria-selected={inRange(range, row, col)}
                      data-row={row}
                      data-col={col}
                      data-active={focus?.row === row && focus.col === col ? '' : undefined}
                      className="facet-grid-cell"
                      title={text}
                    >
                      {text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <VisuallyHidden role="status">{select.status}</VisuallyHidden>
    </>
  );
}
