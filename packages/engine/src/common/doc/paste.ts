/**
 * Copy, paste and duplicate of blocks. Copies get new ids and are offset; names stay unique (a
 * copied `monthly` becomes `monthly_2`), and copies that read each other are rewired to read the
 * copies — SQL references (and `name.column` qualifiers), chart/metric/table sources — while reads
 * of blocks outside the copied
 * set keep pointing at the originals.
 */
import { renameControls, renameReferences } from '../dag/references.ts';
import type { Block } from './blocks.ts';
import type { CanvasDoc } from './canvas-doc.ts';

/** What the clipboard carries: blocks as plain JSON, with a marker so other text is not pasted. */
export interface BlockClipboard {
  facet: 'blocks';
  version: 1;
  blocks: Block[];
}

export function clipboardText(blocks: readonly Block[]): string {
  return JSON.stringify({ facet: 'blocks', version: 1, blocks: [...blocks] } satisfies BlockClipboard);
}

/** Reads clipboard text; undefined when it is not Facet blocks. Blocks are checked on paste. */
export function readClipboard(text: string): Block[] | undefined {
  if (!text.startsWith('{"facet":"blocks"')) return undefined;
  try {
    const value = JSON.parse(text) as Partial<BlockClipboard>;
    return value.facet === 'blocks' && Array.isArray(value.blocks) ? value.blocks : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds copies of `blocks` to `canvas`, moved by `offset`, as one undoable change. Returns the new
 * ids. Blocks that fail validation (from a hostile clipboard) are skipped, never half-added.
 */
export function pasteBlocks(
  canvas: CanvasDoc,
  blocks: readonly Block[],
  offset = { x: 32, y: 32 },
): string[] {
  const taken = new Set(canvas.blocks().flatMap((b) => ('name' in b ? [b.name.toLowerCase()] : [])));
  // Blocks are read by name in SQL; controls only inside {{ }} placeholders: two maps, so a column
  // that shares a control's name is never renamed.
  const renames = { blocks: new Map<string, string>(), controls: new Map<string, string>() };
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null) continue;
    if ((block.type !== 'sql' && block.type !== 'control') || typeof block.name !== 'string') continue;
    const fresh = uniqueName(block.name, taken);
    taken.add(fresh.toLowerCase());
    (block.type === 'sql' ? renames.blocks : renames.controls).set(block.name.toLowerCase(), fresh);
  }
  const ids: string[] = [];
  // The paste is one undo step of its own, not merged with the edits just before it.
  canvas.stopCapturing();
  canvas.doc.transact(() => {
    for (const block of blocks) {
      const copy = rewired(block, renames);
      if (
        !copy ||
        !['x', 'y', 'w', 'h'].every((k) => Number.isFinite((copy as unknown as Record<string, unknown>)[k]))
      )
        continue;
      const { id: _id, type, group: _group, ...rest } = copy;
      try {
        ids.push(
          canvas.add(type, {
            ...(rest as Parameters<CanvasDoc['add']>[1]),
            x: Number(copy.x) + offset.x,
            y: Number(copy.y) + offset.y,
          }),
        );
      } catch {
        // Not a valid block: skipped.
      }
    }
  }, canvas.origin);
  canvas.stopCapturing();
  return ids;
}

/** Copies blocks next to themselves (Ctrl+D). */
export function duplicateBlocks(canvas: CanvasDoc, ids: readonly string[]): string[] {
  const blocks = ids.flatMap((id) => {
    const block = canvas.block(id);
    return block ? [block] : [];
  });
  return pasteBlocks(canvas, blocks);
}

function rewired(
  block: Block,
  renames: { blocks: ReadonlyMap<string, string>; controls: ReadonlyMap<string, string> },
): Block | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const copy = { ...block } as Record<string, unknown>;
  const own = block.type === 'control' ? renames.controls : renames.blocks;
  if (typeof copy.name === 'string') copy.name = own.get(copy.name.toLowerCase()) ?? copy.name;
  if (typeof copy.sql === 'string')
    copy.sql = renameControls(renameReferences(copy.sql, renames.blocks), renames.controls);
  if (typeof copy.source === 'string')
    copy.source = renames.blocks.get(copy.source.toLowerCase()) ?? copy.source;
  return copy as unknown as Block;
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  const stem = name.replace(/_\d+$/, '');
  let n = 2;
  while (taken.has(`${stem}_${n}`.toLowerCase())) n++;
  return `${stem}_${n}`;
}
