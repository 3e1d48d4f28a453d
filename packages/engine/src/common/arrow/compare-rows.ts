/**
 * Which numbers changed between two results of the same block: rows are compared by position,
 * cells by column name. Used by version diffs where both results are cached.
 */
import type { JsValue } from './to-js.ts';

export interface CellChange {
  row: number;
  column: string;
  before: JsValue;
  after: JsValue;
}

export interface ResultChanges {
  rowsBefore: number;
  rowsAfter: number;
  /** Columns only one side has. */
  columnsAdded: string[];
  columnsRemoved: string[];
  /** Cells (in rows and columns both sides have) whose value differs. */
  changedCells: number;
  /** The first few changed cells. */
  examples: CellChange[];
}

export function compareRows(
  before: readonly Record<string, JsValue>[],
  after: readonly Record<string, JsValue>[],
  maxExamples = 20,
): ResultChanges {
  const colsBefore = Object.keys(before[0] ?? {});
  const colsAfter = Object.keys(after[0] ?? {});
  const shared = colsAfter.filter((c) => colsBefore.includes(c));
  const examples: CellChange[] = [];
  let changedCells = 0;
  for (let row = 0; row < Math.min(before.length, after.length); row++) {
    for (const column of shared) {
      const a = before[row]?.[column] ?? null;
      const b = after[row]?.[column] ?? null;
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      changedCells++;
      if (examples.length < maxExamples) examples.push({ row, column, before: a, after: b });
    }
  }
  return {
    rowsBefore: before.length,
    rowsAfter: after.length,
    columnsAdded: colsAfter.filter((c) => !colsBefore.includes(c)),
    columnsRemoved: colsBefore.filter((c) => !colsAfter.includes(c)),
    changedCells,
    examples,
  };
}
