/** How `facet project` prints blocks, versions and diffs as text. */
import { type Block, type DocDiff, type FieldChange, formatDiff } from '@facet/engine/common';
import type { VersionDiff, VersionInfo } from '@facet/desktop/host';
import { formatTable } from '../output/table.ts';

export function blocksTable(blocks: readonly Block[], width: number | undefined): string {
  const rows = blocks.map((b) => [b.type, 'name' in b ? b.name : '', b.title, summary(b), b.id]);
  const columns = ['type', 'name', 'title', 'content', 'id'].map((name) => ({ name }));
  return `${formatTable(columns, rows, { maxWidth: width })}(${blocks.length} ${blocks.length === 1 ? 'block' : 'blocks'})\n`;
}

export function versionsTable(versions: readonly VersionInfo[], width: number | undefined): string {
  const rows = versions.map((v) => [
    v.id,
    new Date(v.createdAt).toISOString(),
    v.kind,
    v.author,
    v.tag ?? '',
    v.message,
  ]);
  const columns = ['id', 'time', 'kind', 'author', 'tag', 'message'].map((name) => ({ name }));
  return `${formatTable(columns, rows, { maxWidth: width })}(${versions.length} ${versions.length === 1 ? 'version' : 'versions'})\n`;
}

/**
 *   + sql "revenue" added
 *   ~ sql "revenue" changed
 *       moved (0, 0) → (40, 80)
 *       sql:
 *           SELECT region,
 *         -   sum(amount)
 *         +   avg(amount)
 */
export function diffText(diff: DocDiff | VersionDiff): string {
  const lines: string[] = [];
  for (const b of diff.added) lines.push(`+ ${b.type} ${label(b)} added`);
  for (const b of diff.removed) lines.push(`- ${b.type} ${label(b)} removed`);
  for (const change of diff.changed) {
    lines.push(`~ ${change.type} "${change.label}" changed`);
    if (change.moved) {
      const { from, to } = change.moved;
      lines.push(`    moved (${from.x}, ${from.y}) → (${to.x}, ${to.y})`);
    }
    if (change.resized) {
      const { from, to } = change.resized;
      lines.push(`    resized ${from.w}×${from.h} → ${to.w}×${to.h}`);
    }
    for (const field of change.fields) lines.push(...fieldLines(field));
  }
  for (const [what, names] of [
    ['glossary', diff.glossary],
    ['metrics', diff.metrics],
  ] as const) {
    const parts = (['added', 'removed', 'changed'] as const)
      .filter((k) => names[k].length > 0)
      .map((k) => `${k} ${names[k].join(', ')}`);
    if (parts.length > 0) lines.push(`${what}: ${parts.join('; ')}`);
  }
  for (const { block, changes } of 'results' in diff ? diff.results : []) {
    const rows =
      changes.rowsBefore === changes.rowsAfter ? '' : `, rows ${changes.rowsBefore} → ${changes.rowsAfter}`;
    lines.push(`# results of "${block}": ${changes.changedCells} cells changed${rows}`);
    for (const c of changes.examples.slice(0, 5)) {
      lines.push(
        `    row ${c.row + 1}, ${c.column}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
      );
    }
  }
  return lines.length === 0 ? 'No changes.\n' : `${lines.join('\n')}\n`;
}

function fieldLines(field: FieldChange): string[] {
  if (field.lines) {
    return [
      `    ${field.field}:`,
      ...formatDiff(field.lines)
        .split('\n')
        .map((line) => `      ${line}`),
    ];
  }
  if (field.keys) return [`    ${field.field}: ${field.keys.join(', ')} changed`];
  return [`    ${field.field}: ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}`];
}

function label(block: Block): string {
  if ('name' in block && block.name) return `"${block.name}"`;
  return block.title ? `"${block.title}"` : block.id;
}

function summary(block: Block): string {
  const text =
    block.type === 'sql'
      ? block.sql
      : block.type === 'text'
        ? block.text
        : block.type === 'ask'
          ? block.question
          : 'source' in block
            ? block.source
            : '';
  return text.replace(/\s+/g, ' ').trim();
}
