import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InvalidArgumentError } from '../errors.ts';
import { CanvasDoc, SCHEMA_VERSION } from './canvas-doc.ts';

/** Two replicas kept in sync like a relay would, each applying the other's updates. */
function pair(): [CanvasDoc, CanvasDoc] {
  const a = new CanvasDoc();
  const b = new CanvasDoc();
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'remote');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), 'remote');
  a.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b.doc, update, 'remote');
  });
  b.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a.doc, update, 'remote');
  });
  return [a, b];
}

describe('CanvasDoc commands', () => {
  it('adds, moves, resizes, updates, duplicates, groups and deletes blocks', () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('sql', { name: 'revenue', sql: 'SELECT 1', title: 'Revenue' });
    expect(canvas.block(id)).toMatchObject({
      type: 'sql',
      name: 'revenue',
      sql: 'SELECT 1',
      x: 0,
      y: 0,
      w: 480,
      h: 320,
    });
    canvas.move(id, 100, 50);
    canvas.resize(id, 300, 200);
    canvas.update(id, { sql: 'SELECT 2', title: 'Revenue v2' });
    expect(canvas.block(id)).toMatchObject({
      x: 100,
      y: 50,
      w: 300,
      h: 200,
      sql: 'SELECT 2',
      title: 'Revenue v2',
    });
    const copy = canvas.duplicate(id);
    expect(canvas.block(copy)).toMatchObject({ x: 132, y: 82, sql: 'SELECT 2', name: 'revenue' });
    const group = canvas.group([id, copy]);
    expect(canvas.blocks().filter((b) => b.group === group)).toHaveLength(2);
    canvas.delete([copy]);
    expect(canvas.blocks().map((b) => b.id)).toEqual([id]);
    expect(canvas.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('refuses bad commands with readable errors', () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('text', { text: '# Notes' });
    expect(() => canvas.move(id, Number.NaN, 0)).toThrow(InvalidArgumentError);
    expect(() => canvas.resize(id, 0, 10)).toThrow(/positive/);
    expect(() => canvas.update(id, { type: 'sql' })).toThrow(/cannot change/);
    expect(() => canvas.move('missing', 0, 0)).toThrow(/no block/);
    expect(() => canvas.add('bogus' as never, {} as never)).toThrow(/Unknown block type/);
  });

  it('undoes and redoes only this client’s changes', () => {
    const [alice, bob] = pair();
    const id = alice.add('text', { text: 'hello' });
    alice.stopCapturing();
    bob.move(id, 10, 10);
    alice.update(id, { title: 'Greeting' });
    alice.stopCapturing();
    expect(alice.undo()).toBe(true);
    expect(alice.block(id)).toMatchObject({ title: '', x: 10, y: 10 });
    expect(alice.redo()).toBe(true);
    expect(bob.block(id)?.title).toBe('Greeting');
    alice.undo();
    alice.undo();
    expect(alice.block(id)).toBeUndefined();
    expect(bob.block(id)).toBeUndefined();
  });

  it('merges concurrent SQL edits character by character', () => {
    const a = new CanvasDoc();
    const id = a.add('sql', { name: 'q', sql: 'SELECT 1 FROM t' });
    const b = new CanvasDoc();
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.editText(id, 'sql', 'SELECT 1'.length, 0, ', 2');
    b.editText(id, 'sql', 'SELECT 1 FROM t'.length, 0, ' WHERE x > 0');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.block(id)).toMatchObject({ sql: 'SELECT 1, 2 FROM t WHERE x > 0' });
    expect(b.block(id)).toMatchObject({ sql: 'SELECT 1, 2 FROM t WHERE x > 0' });
  });

  it('isolates malformed remote content without losing it', () => {
    const remote = new Y.Doc();
    const blocks = remote.getMap('blocks');
    const record = (fields: Record<string, unknown>): Y.Map<unknown> => new Y.Map(Object.entries(fields));
    blocks.set('good', record({ type: 'table', x: 0, y: 0, w: 10, h: 10, title: 't', source: 'sales' }));
    blocks.set('future', record({ type: 'hologram', x: 0, y: 0, w: 1, h: 1 }));
    blocks.set('broken', record({ type: 'sql', x: 'left', y: 0, w: 1, h: 1, name: 'q', sql: 'SELECT 1' }));
    blocks.set('junk', 42 as never);
    const canvas = new CanvasDoc();
    Y.applyUpdate(canvas.doc, Y.encodeStateAsUpdate(remote), 'remote');
    expect(canvas.blocks().map((b) => b.id)).toEqual(['good']);
    expect(canvas.problems()).toEqual(
      expect.arrayContaining([
        { id: 'future', reason: 'unknown block type "hologram"' },
        { id: 'broken', reason: '"x" is not a number' },
        { id: 'junk', reason: 'not a block record' },
      ]),
    );
    canvas.move('good', 5, 5);
    expect(canvas.doc.getMap('blocks').has('future')).toBe(true);
  });

  it('keeps a glossary and metrics in the doc, with undo', () => {
    const canvas = new CanvasDoc();
    canvas.setTerm('ARR', { definition: 'Annual recurring revenue', synonyms: ['annual revenue'] });
    canvas.setMetric('revenue', {
      sql: 'sum(amount)',
      table: 'orders',
      timeColumn: 'ordered_at',
      format: '$0,0',
    });
    expect(canvas.glossary()).toEqual({
      ARR: { definition: 'Annual recurring revenue', synonyms: ['annual revenue'] },
    });
    expect(canvas.metrics().revenue?.table).toBe('orders');
    canvas.stopCapturing();
    canvas.deleteTerm('ARR');
    canvas.undo();
    expect(Object.keys(canvas.glossary())).toEqual(['ARR']);
    expect(() => canvas.setMetric('', { sql: '', table: 'x' })).toThrow(InvalidArgumentError);
  });
});

describe('CanvasDoc text edits', () => {
  it('replaces text without splitting emoji (surrogate pairs)', () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('text', { text: 'Revenue 😀 up' });
    canvas.update(id, { text: 'Revenue 😃 up' });
    canvas.update(id, { text: '😃😃 Revenue 😃 up 👍' });
    canvas.update(id, { text: '😃 Revenue 😃 up 👎' });
    const loaded = CanvasDoc.fromUpdate(canvas.encodeState());
    expect(loaded.block(id)).toMatchObject({ text: '😃 Revenue 😃 up 👎' });
  });
});
