/** Starting widths of the grid's columns, from the header and a sample of the first rows' text. */
import type { Table } from 'apache-arrow';
import { vectorToValues } from '@facet/engine/common';
import { cellText } from './cell-text.ts';

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 1200;
const SAMPLE_ROWS = 50;
/** About the advance of one character of the grid's 12px font, and the cell's padding and sort icon. */
const CHAR_PX = 7.2;
const PADDING_PX = 34;

export function initialColumnWidths(table: Table): number[] {
  return table.schema.fields.map((field, i) => {
    const vector = table.getChildAt(i);
    const sample = vector ? vectorToValues(vector.slice(0, SAMPLE_ROWS)) : [];
    const longest = Math.max(field.name.length, ...sample.map((v) => cellText(v).length));
    return clampWidth(Math.min(longest, 40) * CHAR_PX + PADDING_PX, 72);
  });
}

export function clampWidth(width: number, min = MIN_COLUMN_WIDTH): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(min, width)));
}
