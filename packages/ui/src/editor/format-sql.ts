/**
 * "Format SQL" (button, Shift+Alt+F): lays the SQL out with sql-formatter's DuckDB dialect, keeping
 * the person's keyword case and Facet's `{{control}}` placeholders. The new text goes in as the
 * smallest change (see replace-text.ts), so collaborators' edits elsewhere survive and one undo
 * takes it back.
 */
import type { EditorView } from '@codemirror/view';
import { duckdb, formatDialect } from 'sql-formatter';
import { replaceText } from './replace-text.ts';

export type FormatResult = { ok: true; text: string } | { ok: false; message: string };

/** `{{ name }}`: a control's value, bound as a parameter when the block runs. */
const CONTROL_PLACEHOLDER = String.raw`\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}`;

export function formatSql(sql: string): FormatResult {
  if (sql.trim() === '') return { ok: true, text: sql };
  try {
    const text = formatDialect(sql, {
      dialect: duckdb,
      keywordCase: 'preserve',
      tabWidth: 2,
      // DuckDB's own parameters ($1, ?, $"x") plus named ones ($name) and placeholders.
      paramTypes: {
        positional: true,
        numbered: ['$'],
        named: ['$'],
        quoted: ['$'],
        custom: [{ regex: CONTROL_PLACEHOLDER }],
      },
    });
    return { ok: true, text: sql.endsWith('\n') ? `${text}\n` : text };
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return { ok: false, message: `This SQL cannot be formatted: ${detail.replace(/^Parse error:\s*/i, '')}` };
  }
}

/** Formats the editor's text in place; returns the problem when the SQL cannot be formatted. */
export function formatEditor(view: EditorView): string | undefined {
  const result = formatSql(view.state.doc.toString());
  if (!result.ok) return result.message;
  replaceText(view, result.text, 'format');
  return undefined;
}
