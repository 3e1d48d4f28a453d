/**
 * The canvas as a PDF report: every block in reading order (top to bottom, then left to right) —
 * notes as text, SQL with the first rows of its result, charts as pictures, metrics and controls
 * as their values. Text stays text (selectable, searchable); only charts are images.
 */
import { jsPDF } from 'jspdf';
import type { Table } from 'apache-arrow';
import { type Block, vectorToValues } from '@facet/engine/common';
import { cellText } from '../grid/cell-text.ts';

export interface CanvasPdfInput {
  title: string;
  blocks: readonly Block[];
  /** A SQL block's result by name (undefined when it cannot run: the report says so). */
  result: (name: string) => Promise<Table | undefined>;
  /** A chart block as a PNG data URL, or undefined when it cannot be drawn. */
  chartImage: (block: Block<'chart'>) => Promise<string | undefined>;
  /** For the footer; defaults to now. */
  date?: Date;
}

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const BODY = PAGE.width - 2 * PAGE.margin;
const MAX_ROWS = 20;
const MAX_COLUMNS = 8;
const MAX_SQL_LINES = 40;

/** Lays the report out with jsPDF and returns the file's bytes. */
export async function canvasPdf(input: CanvasPdfInput): Promise<Uint8Array> {
  const pdf = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  let y = PAGE.margin;
  const room = (height: number): void => {
    if (y + height <= PAGE.height - PAGE.margin) return;
    pdf.addPage();
    y = PAGE.margin;
  };
  const lines = (text: string, size: number, font: 'helvetica' | 'courier', style = 'normal'): void => {
    pdf.setFont(font, style);
    pdf.setFontSize(size);
    for (const line of pdf.splitTextToSize(pdfText(text), BODY) as string[]) {
      room(size * 1.3);
      pdf.text(line, PAGE.margin, y + size);
      y += size * 1.3;
    }
  };
  lines(input.title, 20, 'helvetica', 'bold');
  lines(`Exported from Facet on ${(input.date ?? new Date()).toLocaleString()}`, 9, 'helvetica');
  y += 12;
  for (const block of readingOrder(input.blocks)) {
    room(40);
    lines(heading(block), 13, 'helvetica', 'bold');
    if (block.type === 'text') lines(plainMarkdown(block.text), 10, 'helvetica');
    if (block.type === 'sql') {
      const sql = block.sql.split('\n');
      const shown = sql.slice(0, MAX_SQL_LINES).join('\n') + (sql.length > MAX_SQL_LINES ? '\n…' : '');
      lines(shown, 8, 'courier');
      y += 4;
      const table = await input.result(block.name).catch(() => undefined);
      lines(table ? tableText(table) : 'This block has no result (it could not run).', 7, 'courier');
    }
    if (block.type === 'chart') {
      const image = await input.chartImage(block).catch(() => undefined);
      if (image) {
        const height = Math.min(BODY * (block.h / Math.max(block.w, 1)), PAGE.height - 2 * PAGE.margin);
        room(height);
        pdf.addImage(image, 'PNG', PAGE.margin, y, BODY, height);
        y += height;
      } else lines(`Chart of ${block.source}: it could not be drawn.`, 10, 'helvetica', 'italic');
    }
    if (block.type === 'metric') {
      const table = await input.result(block.source).catch(() => undefined);
      const value = table?.getChild(block.column);
      lines(
        value && table && table.numRows > 0 ? cellText(vectorToValues(value.slice(0, 1))[0]) : '—',
        18,
        'helvetica',
      );
    }
    if (block.type === 'control')
      lines(`${block.name} = ${JSON.stringify(block.value ?? null)}`, 10, 'courier');
    y += 16;
  }
  return new Uint8Array(pdf.output('arraybuffer'));
}

function readingOrder(blocks: readonly Block[]): Block[] {
  // Blocks whose tops are within a row's height of each other read left to right.
  return [...blocks].sort((a, b) => (Math.abs(a.y - b.y) < 48 ? a.x - b.x : a.y - b.y));
}

function heading(block: Block): string {
  if (block.title) return block.title;
  if (block.type === 'sql') return block.name;
  if (block.type === 'chart') return `Chart of ${block.source}`;
  if (block.type === 'text') return 'Note';
  return `${block.type[0]?.toUpperCase() ?? ''}${block.type.slice(1)}`;
}

/** A fixed-width text table of the first rows and columns. */
export function tableText(table: Table): string {
  const fields = table.schema.fields.slice(0, MAX_COLUMNS).map((f) => f.name);
  const rows = Math.min(table.numRows, MAX_ROWS);
  const columns = fields.map((name) => {
    const vector = table.getChild(name);
    const values = vector ? vectorToValues(vector.slice(0, rows)) : [];
    return [name, ...values.map((v) => cellText(v))].map((s) => (s.length > 24 ? `${s.slice(0, 23)}…` : s));
  });
  const widths = columns.map((c) => Math.max(...c.map((s) => s.length)));
  const out: string[] = [];
  for (let r = 0; r <= rows; r++) {
    out.push(columns.map((c, i) => (c[r] ?? '').padEnd(widths[i] ?? 0)).join('  '));
    if (r === 0) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const more: string[] = [];
  if (table.numRows > rows) more.push(`${(table.numRows - rows).toLocaleString('en-US')} more rows`);
  if (table.numCols > fields.length) more.push(`${table.numCols - fields.length} more columns`);
  if (more.length > 0) out.push(`… ${more.join(', ')}`);
  return out.join('\n');
}

/** Markdown as plain reading text: markers dropped, links as their text. */
export function plainMarkdown(text: string): string {
  return text
    .replace(/```[a-z]*\n?/gi, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*[-*+]\s+/gm, '• ');
}

/**
 * jsPDF's built-in fonts cover Windows-1252 only; other characters would print as garbage, so they
 * become "?" (the data itself is untouched).
 */
function pdfText(text: string): string {
  return [...text].map((ch) => (WIN_ANSI.test(ch) ? ch : '?')).join('');
}
const WIN_ANSI = /[\n\t\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/;
