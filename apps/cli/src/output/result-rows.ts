/**
 * Arrow results as plain values, through the engine's converters (numbers as numbers, dates as
 * `YYYY-MM-DD`, timestamps as ISO-8601, NULL as null). Async because the engine's module is loaded
 * on first use; by the time there is a result to convert, it has been.
 */
import type { Table, Vector } from 'apache-arrow';
import type { JsValue } from '@facet/engine/common';
import { loadEngineCommon } from '../engine-modules.ts';

function firstRows(table: Table, limit: number | undefined): Table {
  return limit !== undefined && limit < table.numRows ? table.slice(0, limit) : table;
}

/** Each row as an array of values in column order (result column names may repeat). */
export async function rowArrays(table: Table, limit?: number): Promise<JsValue[][]> {
  const { vectorToValues } = await loadEngineCommon();
  const part = firstRows(table, limit);
  const columns = part.schema.fields.map((_, i) => vectorToValues(part.getChildAt(i) as Vector));
  const rows: JsValue[][] = [];
  for (let r = 0; r < part.numRows; r++) rows.push(columns.map((values) => values[r] ?? null));
  return rows;
}

/** Each row as an object keyed by column name: the shape of JSON output. */
export async function rowObjects(table: Table, limit?: number): Promise<Record<string, JsValue>[]> {
  const { tableToRows } = await loadEngineCommon();
  return tableToRows(firstRows(table, limit));
}
