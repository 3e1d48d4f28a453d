/**
 * What changed between two states of a canvas (two versions, or a version and now): blocks added,
 * removed, moved, resized and edited, with a line diff for SQL and notes and the chart settings
 * that changed; glossary terms and metrics added, removed and changed.
 */
import { diffLines, type DiffLine } from '../text/line-diff.ts';
import { type Block, TEXT_FIELDS } from './blocks.ts';
import { type CanvasDoc, sameValue } from './canvas-doc.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** For text fields (SQL, notes, questions): the line diff. */
  lines?: DiffLine[];
  /** For object fields (a chart's spec): the keys whose values differ. */
  keys?: string[];
}

export interface BlockChange {
  id: string;
  type: Block['type'];
  /** The title (or name) after the change, for display. */
  label: string;
  moved?: { from: { x: number; y: number }; to: { x: number; y: number } };
  resized?: { from: { w: number; h: number }; to: { w: number; h: number } };
  fields: FieldChange[];
}

export interface NamedChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface DocDiff {
  added: Block[];
  removed: Block[];
  changed: BlockChange[];
  glossary: NamedChanges;
  metrics: NamedChanges;
}

const FRAME = new Set(['id', 'type', 'x', 'y', 'w', 'h']);

/** The changes that turn `before` into `after`. */
export function diffDocs(before: CanvasDoc, after: CanvasDoc): DocDiff {
  const old = new Map(before.blocks().map((b) => [b.id, b]));
  const now = new Map(after.blocks().map((b) => [b.id, b]));
  const changed: BlockChange[] = [];
  for (const [id, next] of now) {
    const prev = old.get(id);
    if (!prev) continue;
    const change = diffBlock(prev, next);
    if (change) changed.push(change);
  }
  return {
    added: [...now.values()].filter((b) => !old.has(b.id)),
    removed: [...old.values()].filter((b) => !now.has(b.id)),
    changed,
    glossary: diffRecords(before.glossary(), after.glossary()),
    metrics: diffRecords(before.metrics(), after.metrics()),
  };
}

/** True when the diff has no changes at all. */
export function isEmptyDiff(diff: DocDiff): boolean {
  return (
    diff.added.length + diff.removed.length + diff.changed.length === 0 &&
    [diff.glossary, diff.metrics].every((n) => n.added.length + n.removed.length + n.changed.length === 0)
  );
}

/** Ids of blocks that differ between two states (added, removed or changed). */
export function changedBlockIds(before: CanvasDoc, after: CanvasDoc): Set<string> {
  const diff = diffDocs(before, after);
  return new Set([...diff.added, ...diff.removed, ...diff.changed].map((b) => b.id));
}

/** A display label for a block: its title, else its name, a note's first line, else its type. */
export function blockLabel(block: Block): string {
  if (block.title) return block.title;
  if ('name' in block && block.name) return block.name;
  if (block.type === 'text') {
    const line = block.text
      .split('\n')
      .find((l) => l.trim())
      ?.replace(/^#+\s*/, '')
      .trim();
    if (line) return line.length > 60 ? `${line.slice(0, 59)}…` : line;
  }
  return `${block.type} block`;
}

function diffBlock(prev: Block, next: Block): BlockChange | undefined {
  if (prev.type !== next.type) {
    return {
      id: next.id,
      type: next.type,
      label: blockLabel(next),
      fields: [{ field: 'type', before: prev.type, after: next.type }],
    };
  }
  const change: BlockChange = { id: next.id, type: next.type, label: blockLabel(next), fields: [] };
  if (prev.x !== next.x || prev.y !== next.y) {
    change.moved = { from: { x: prev.x, y: prev.y }, to: { x: next.x, y: next.y } };
  }
  if (prev.w !== next.w || prev.h !== next.h) {
    change.resized = { from: { w: prev.w, h: prev.h }, to: { w: next.w, h: next.h } };
  }
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !FRAME.has(k)).sort();
  for (const field of keys) {
    if (sameValue(a[field], b[field])) continue;
    const entry: FieldChange = { field, before: a[field], after: b[field] };
    if (TEXT_FIELDS[next.type].includes(field))
      entry.lines = diffLines(String(a[field] ?? ''), String(b[field] ?? ''));
    else if (isRecord(a[field]) && isRecord(b[field])) entry.keys = changedKeys(a[field], b[field]);
    change.fields.push(entry);
  }
  return change.moved || change.resized || change.fields.length > 0 ? change : undefined;
}

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !sameValue(a[k], b[k])).sort();
}

function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): NamedChanges {
  const names = (r: Record<string, unknown>): string[] => Object.keys(r).sort();
  return {
    added: names(after).filter((k) => !(k in before)),
    removed: names(before).filter((k) => !(k in after)),
    changed: names(after).filter((k) => k in before && !sameValue(before[k], after[k])),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
