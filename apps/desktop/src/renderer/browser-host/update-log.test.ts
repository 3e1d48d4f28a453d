import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CanvasDoc } from '@facet/engine/common';
import { checkUpdate, DEFAULT_COMPACTION, foldUpdates, needsCompaction } from './update-log.ts';

/** Records every update a canvas makes, as the page would push them. */
function recorded(): { canvas: CanvasDoc; updates: Uint8Array[] } {
  const canvas = new CanvasDoc();
  const updates: Uint8Array[] = [canvas.encodeState()];
  canvas.doc.on('update', (u: Uint8Array) => updates.push(u));
  return { canvas, updates };
}

describe('the browser update log', () => {
  it('compacts once the tail passes the count or the byte budget (or outgrows the snapshot)', () => {
    const policy = { updates: 10, bytes: 1000 };
    expect(needsCompaction({ n: 9, bytes: 999, snapshotBytes: 0 }, policy)).toBe(false);
    expect(needsCompaction({ n: 10, bytes: 0, snapshotBytes: 0 }, policy)).toBe(true);
    expect(needsCompaction({ n: 1, bytes: 1000, snapshotBytes: 0 }, policy)).toBe(true);
    expect(needsCompaction({ n: 1, bytes: 1500, snapshotBytes: 4000 }, policy)).toBe(false);
    expect(needsCompaction({ n: 1, bytes: 4000, snapshotBytes: 4000 }, policy)).toBe(true);
    expect(DEFAULT_COMPACTION.updates).toBeGreaterThan(0);
  });

  it('folds a snapshot and its tail into the same document as the live one', () => {
    const { canvas, updates } = recorded();
    const id = canvas.add('sql', { name: 'q', sql: 'SELECT 1', x: 0, y: 0 });
    for (const ch of ' + 1')
      canvas.editText(
        id,
        'sql',
        canvas.block(id)?.type === 'sql' ? (canvas.block(id) as { sql: string }).sql.length : 0,
        0,
        ch,
      );
    canvas.add('text', { text: 'note', x: 0, y: 400 });
    const snapshot = foldUpdates(updates.slice(0, 3));
    const folded = foldUpdates([snapshot, ...updates.slice(3)]);
    const loaded = CanvasDoc.fromUpdate(folded);
    expect(loaded.blocks()).toEqual(canvas.blocks());
    expect(loaded.block(id)).toMatchObject({ sql: 'SELECT 1 + 1' });
    // Folding is idempotent: parts seen twice change nothing.
    expect(CanvasDoc.fromUpdate(foldUpdates([folded, ...updates])).blocks()).toEqual(canvas.blocks());
  });

  it('skips a part Yjs cannot apply and keeps the rest', () => {
    const { canvas, updates } = recorded();
    canvas.add('text', { text: 'kept', x: 0, y: 0 });
    const state = foldUpdates([updates[0] as Uint8Array, new Uint8Array([1, 2, 3]), ...updates.slice(1)]);
    expect(
      CanvasDoc.fromUpdate(state)
        .blocks()
        .map((b) => b.type),
    ).toEqual(['text']);
  });

  it('refuses updates that are empty, not bytes, malformed or huge, with readable messages', () => {
    expect(() => checkUpdate(new Uint8Array())).toThrow('non-empty bytes');
    expect(() => checkUpdate('abc')).toThrow('non-empty bytes');
    expect(() => checkUpdate(new Uint8Array([255, 255, 255]))).toThrow('malformed');
    expect(() => checkUpdate(new Uint8Array(65 * 1024 * 1024))).toThrow('at most 64 MiB');
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    expect(() => checkUpdate(Y.encodeStateAsUpdate(doc))).not.toThrow();
  });
});
