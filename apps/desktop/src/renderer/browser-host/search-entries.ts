/** What of a canvas and of a source table is searchable (the same fields the desktop indexes). */
import { blockLabel, blockText, type CanvasDoc } from '@facet/engine/common';
import type { SearchEntry } from './search-index.ts';

/** A canvas's name, each block's label and text, and each comment. */
export function canvasEntries(canvasId: string, name: string, canvas: CanvasDoc): SearchEntry[] {
  return [
    { kind: 'canvas', ref: canvasId, canvasId, title: name, body: '' },
    ...canvas.blocks().map((block): SearchEntry => ({
      kind: 'block',
      ref: block.id,
      canvasId,
      title: blockLabel(block),
      body: blockText(block),
    })),
    ...canvas.comments().map((comment): SearchEntry => ({
      kind: 'comment',
      ref: comment.id,
      canvasId,
      title: comment.author,
      body: comment.text,
    })),
  ];
}

/** A source table: found by its name, its file's name and its column names. */
export function sourceEntry(table: string, fileName: string, columns: readonly string[]): SearchEntry {
  return {
    kind: 'source',
    ref: table,
    canvasId: null,
    title: table,
    body: `${fileName} ${columns.join(' ')}`,
  };
}
