/**
 * CSV as RFC 4180 describes it: a header row, fields quoted when they hold a comma, a double quote
 * or a line break (quotes doubled inside). NULL is an empty field; an empty string is written as
 * `""` so the two stay distinguishable. Lines end with `\n`.
 */
import type { JsValue } from '@facet/engine/common';
import { cellText } from './cell-text.ts';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string | null): string {
  if (text === null) return '';
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Renders a header of column names and one line per row (values in column order). */
export function formatCsv(columnNames: readonly string[], rows: readonly JsValue[][]): string {
  if (columnNames.length === 0) return '';
  const lines = [columnNames.map(csvField).join(',')];
  for (const row of rows) lines.push(columnNames.map((_, i) => csvField(cellText(row[i] ?? null))).join(','));
  return `${lines.join('\n')}\n`;
}
