/**
 * The grid's sort: which column and direction, and the resulting row order, computed once per
 * (table, column, direction). A column's sort keys are kept while the table is shown, so flipping
 * the direction only re-runs the radix passes.
 */
import type { Table, Vector } from 'apache-arrow';
import { useMemo, useState } from 'react';
import { type SortDirection, type SortKeys, sortPermutation } from './radix-sort.ts';
import { columnSortKeys } from './sort-keys.ts';

export interface GridSort {
  /** The sorted column's index, or undefined when the rows are in the result's order. */
  col: number | undefined;
  direction: SortDirection;
  /** View row → table row, or undefined when unsorted. */
  order: Uint32Array | undefined;
  /** Ascending → descending → unsorted. */
  cycle: (col: number) => void;
}

export function useSortOrder(
  table: Table,
  columns: readonly { name: string; vector: Vector | null }[],
): GridSort {
  // Kept by column name, so re-running a block keeps its sort.
  const [sort, setSort] = useState<{ name: string; direction: SortDirection } | undefined>();
  const found = sort ? columns.findIndex((c) => c.name === sort.name) : -1;
  const col = found >= 0 ? found : undefined;
  const direction = sort?.direction ?? 'asc';
  // One cache per table: a new result starts empty.
  const keyCache = useMemo(() => new Map<number, SortKeys>(), [table]);
  const order = useMemo(() => {
    const vector = col === undefined ? undefined : columns[col]?.vector;
    if (col === undefined || !vector) return undefined;
    let keys = keyCache.get(col);
    if (!keys) {
      keys = columnSortKeys(vector);
      keyCache.set(col, keys);
    }
    return sortPermutation(keys, direction);
  }, [keyCache, columns, col, direction]);
  const cycle = (next: number): void => {
    const name = columns[next]?.name;
    if (name === undefined) return;
    if (col !== next) setSort({ name, direction: 'asc' });
    else if (direction === 'asc') setSort({ name, direction: 'desc' });
    else setSort(undefined);
  };
  return { col, direction, order, cycle };
}
