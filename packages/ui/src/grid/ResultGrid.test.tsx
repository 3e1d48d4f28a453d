// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { Float64, makeVector, tableFromArrays, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils/render.tsx';
import { ResultGrid } from './ResultGrid.tsx';

/** The browser's clipboard API shape, capturing what is written. */
let copied: string[] = [];
beforeEach(() => {
  copied = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
  });
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

const cities = () =>
  new Table({
    city: vectorFromArray(['Oslo', 'Lyon', 'Seattle', null, 'Ankara'], new Utf8()),
    temp: vectorFromArray([4, 18, 13.5, 7, null], new Float64()),
  });

/** The text of every cell in the rows drawn, row by row. */
function drawnRows(grid: HTMLElement): string[][] {
  return within(grid)
    .getAllByRole('row')
    .filter((row) => within(row).queryAllByRole('gridcell').length > 0)
    .map((row) =>
      within(row)
        .getAllByRole('gridcell')
        .map((cell) => cell.textContent ?? ''),
    );
}

describe('ResultGrid', () => {
  it('draws only the rows in view of a million-row result, and others as it scrolls', () => {
    const n = 1_000_000;
    const ids = new Float64Array(n);
    for (let i = 0; i < n; i++) ids[i] = i;
    const table = tableFromArrays({ id: ids });
    renderUi(<ResultGrid table={table} height={300} />);
    const grid = screen.getByRole('grid', { name: 'Result' });
    expect(grid.getAttribute('aria-rowcount')).toBe(String(n + 1));
    expect(grid.getAttribute('aria-colcount')).toBe('1');
    const first = drawnRows(grid);
    expect(first.length).toBeLessThan(30);
    expect(first[0]).toEqual(['0']);

    // To the very end: the scroll height is capped, and the last row is still reached.
    act(() => {
      grid.scrollTop = 8_000_000;
      fireEvent.scroll(grid);
    });
    const last = drawnRows(grid);
    expect(last.length).toBeLessThan(30);
    expect(last.at(-1)).toEqual(['999999']);
    const rows = within(grid).getAllByRole('row');
    expect(rows.at(-1)?.getAttribute('aria-rowindex')).toBe(String(n + 1));
  });

  it('reuses the drawn rows as it scrolls, and a click selects the row they show now', () => {
    const table = tableFromArrays({ id: Float64Array.from({ length: 1000 }, (_, i) => i) });
    renderUi(<ResultGrid table={table} height={300} />);
    const grid = screen.getByRole('grid');
    const [firstCell] = within(grid).getAllByRole('gridcell');
    expect(firstCell?.textContent).toBe('0');
    act(() => {
      grid.scrollTop = 500 * 26;
      fireEvent.scroll(grid);
    });
    // The same element, now showing another row: a scroll rewrites text instead of building rows.
    expect(within(grid).getAllByRole('gridcell')[0]).toBe(firstCell);
    expect(firstCell?.textContent).not.toBe('0');
    const cell = within(grid).getByRole('gridcell', { name: '505' });
    fireEvent.mouseDown(cell);
    expect(cell.getAttribute('aria-selected')).toBe('true');
    expect(grid.getAttribute('aria-activedescendant')).toBe(cell.id);
    expect(cell.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('507');
    // The row number selects its row (here a single cell), Shift extends from the anchor.
    const rownum = within(grid).getByText('502', { selector: '.facet-grid-rownum' });
    fireEvent.mouseDown(rownum, { shiftKey: true });
    const selected = within(grid)
      .getAllByRole('gridcell')
      .filter((c) => c.getAttribute('aria-selected') === 'true')
      .map((c) => c.textContent);
    expect(selected).toEqual(['501', '502', '503', '504', '505']);
  });

  it('sorts by a column: ascending, descending, then back to the result order; NULLs last', () => {
    renderUi(<ResultGrid table={cities()} height={400} />);
    const grid = screen.getByRole('grid');
    const header = screen.getByRole('columnheader', { name: 'temp' });
    expect(header.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(drawnRows(grid).map((r) => r[1])).toEqual(['4', '7', '13.5', '18', 'NULL']);
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(drawnRows(grid).map((r) => r[1])).toEqual(['18', '13.5', '7', '4', 'NULL']);
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('none');
    expect(drawnRows(grid).map((r) => r[0])).toEqual(['Oslo', 'Lyon', 'Seattle', 'NULL', 'Ankara']);

    const city = screen.getByRole('columnheader', { name: 'city' });
    fireEvent.click(within(city).getByRole('button'));
    expect(drawnRows(grid).map((r) => r[0])).toEqual(['Ankara', 'Lyon', 'Oslo', 'Seattle', 'NULL']);
    expect(header.getAttribute('aria-sort')).toBe('none');
    // The header's text is the column name alone: the arrow is drawn, not written.
    expect(city.textContent).toBe('city');
  });

  it('copies a clicked range as TSV, in the sorted order, and with the keyboard', async () => {
    const table = new Table({
      name: vectorFromArray(['b', 'tab\there', 'a "q"', null], new Utf8()),
      n: makeVector(Float64Array.from([2, 3, 1, 4])),
    });
    renderUi(<ResultGrid table={table} height={400} />);
    const grid = screen.getByRole('grid');
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'n' })).getByRole('button'));
    const cell = (text: string) => within(grid).getByRole('gridcell', { name: text });
    fireEvent.mouseDown(cell('a "q"'));
    fireEvent.mouseDown(cell('3'), { shiftKey: true });
    expect(
      within(grid)
        .getAllByRole('gridcell')
        .filter((c) => c.getAttribute('aria-selected') === 'true'),
    ).toHaveLength(6);
    expect(document.activeElement).toBe(grid);
    await act(async () => {
      fireEvent.keyDown(grid, { key: 'c', ctrlKey: true });
      await Promise.resolve();
    });
    expect(copied).toEqual(['"a ""q"""\t1\nb\t2\n"tab\there"\t3']);
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Copied 6 cells.');

    // Arrow keys move the active cell; Shift extends; NULL copies as an empty cell.
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft', shiftKey: true });
    const active = grid.getAttribute('aria-activedescendant');
    expect(active && document.getElementById(active)?.textContent).toBe('NULL');
    await act(async () => {
      fireEvent.keyDown(grid, { key: 'c', metaKey: true });
      await Promise.resolve();
    });
    expect(copied.at(-1)).toBe('\t4');
  });

  it('resizes a column by dragging its header edge and with the arrow keys', () => {
    renderUi(<ResultGrid table={cities()} height={300} />);
    const handle = screen.getByRole('separator', { name: 'Resize column city' });
    const start = Number(handle.getAttribute('aria-valuenow'));
    fireEvent.pointerDown(handle, { button: 0, clientX: 100, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 160, pointerId: 1 });
    fireEvent.pointerUp(handle, { clientX: 160, pointerId: 1 });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(start + 60);
    const header = screen.getAllByRole('row')[0]!;
    expect(header.style.gridTemplateColumns.split(' ')[1]).toBe(`${start + 60}px`);
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(start + 20);
    // Moving the pointer after letting go changes nothing.
    fireEvent.pointerMove(handle, { clientX: 400, pointerId: 1 });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(start + 20);
  });

  it('shows an empty result as a header with no rows', () => {
    const table = new Table({ x: vectorFromArray([], new Float64()) });
    renderUi(<ResultGrid table={table} height={200} />);
    const grid = screen.getByRole('grid');
    expect(drawnRows(grid)).toEqual([]);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(screen.getByRole('columnheader', { name: 'x' })).toBeTruthy();
  });
});
