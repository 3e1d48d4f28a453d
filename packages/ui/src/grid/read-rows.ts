/**
 * Reads some rows of a column, in a given order, as the grid shows them. Runs of consecutive rows
 * are read as one slice (an unsorted window is a single run); when the rows are scattered (a
 * sorted view copied in bulk) the column is converted once instead of row by row.
 */
import type { Vector } from 'apache-arrow';
import { type JsValue, vectorToValues } from '@facet/engine/common';

/** Past this many separate runs, converting the whole column is cheaper than slicing. */
const MAX_RUNS = 2048;

/** The values of `rows` (row numbers in the column) in that order. */
export function readRows(vector: Vector, rows: ArrayLike<number>): JsValue[] {
  const out = new Array<JsValue>(rows.length);
  if (countRuns(rows) > MAX_RUNS) {
    const all = vectorToValues(vector);
    for (let i = 0; i < rows.length; i++) out[i] = all[rows[i]!] ?? null;
    return out;
  }
  let i = 0;
  while (i < rows.length) {
    const start = rows[i]!;
    let j = i + 1;
    while (j < rows.length && rows[j] === start + (j - i)) j++;
    const values = vectorToValues(vector.slice(start, start + (j - i)));
    for (let k = 0; k < j - i; k++) out[i + k] = values[k] ?? null;
    i = j;
  }
  return out;
}

function countRuns(rows: ArrayLike<number>): number {
  let runs = rows.length > 0 ? 1 : 0;
  for (let i = 1; i < rows.length; i++) if (rows[i] !== rows[i - 1]! + 1) runs++;
  return runs;
}
