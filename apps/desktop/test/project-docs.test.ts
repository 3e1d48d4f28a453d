import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CanvasDoc } from '@facet/engine/common';
import { reopen, tempProject } from './temp-project.ts';

describe('Project canvases', () => {
  it('stores every change as it happens and loads it after reopening', async () => {
    const project = tempProject();
    const id = project.defaultCanvas();
    const canvas = project.canvases.doc(id);
    const block = canvas.add('sql', { name: 'revenue', sql: 'SELECT 1' });
    canvas.editText(block, 'sql', 7, 1, '42');
    canvas.setTerm('ARR', { definition: 'annual recurring revenue', synonyms: ['arr'] });
    await project.close();

    const again = reopen(project.dir);
    expect(again.name).toBe('Test');
    const loaded = again.canvases.doc(again.defaultCanvas());
    expect(loaded.block(block)).toMatchObject({ name: 'revenue', sql: 'SELECT 42' });
    expect(loaded.glossary()).toHaveProperty('ARR');
  });

  it('applies updates from the renderer after storing them, and refuses malformed ones', () => {
    const project = tempProject();
    const id = project.defaultCanvas();
    const renderer = CanvasDoc.fromUpdate(project.canvases.encodeState(id));
    const seen: unknown[] = [];
    project.canvases.onUpdate((_canvas, _update, origin) => seen.push(origin));
    renderer.doc.on('update', (update: Uint8Array) => project.canvases.applyUpdate(id, update, 'renderer-1'));
    const block = renderer.add('text', { text: '# Notes' });

    expect(project.canvases.doc(id).block(block)).toMatchObject({ text: '# Notes' });
    expect(seen).toEqual(['renderer-1']);
    expect(() => project.canvases.applyUpdate(id, new Uint8Array([9, 9, 9]))).toThrow(/malformed/);
    expect(() => project.canvases.applyUpdate('nope', renderer.encodeState())).toThrow(/no canvas/);
    // A peer asking with its state vector gets only what it lacks.
    const sv = Y.encodeStateVector(renderer.doc);
    const missing = project.canvases.encodeState(id, sv);
    expect(missing.length).toBeLessThan(project.canvases.encodeState(id).length);
    expect(() => project.canvases.encodeState(id, new Uint8Array([255, 255, 255]))).toThrow(/malformed/);
  });

  it('drops a change it could not store, so memory never runs ahead of disk', () => {
    const project = tempProject();
    const id = project.defaultCanvas();
    const canvas = project.canvases.doc(id);
    const kept = canvas.add('text', { text: 'kept' });
    // An update over the 64 MiB limit is refused by the log.
    expect(() => canvas.add('text', { text: 'x'.repeat(65 * 1024 * 1024) })).toThrow(/at most 64 MiB/);
    const reloaded = project.canvases.doc(id);
    expect(reloaded).not.toBe(canvas);
    expect(reloaded.blocks().map((b) => b.id)).toEqual([kept]);
    // The dropped copy's later changes go nowhere.
    canvas.add('text', { text: 'orphan' });
    expect(project.canvases.doc(id).blocks()).toHaveLength(1);
  });

  it('creates, renames, lists and deletes canvases', () => {
    const project = tempProject();
    const second = project.canvases.create('Second');
    project.canvases.rename(second.id, 'Renamed');
    expect(project.canvases.list().map((c) => c.name)).toEqual(['Canvas 1', 'Renamed']);
    expect(() => project.canvases.rename(second.id, '  ')).toThrow(/needs a name/);
    project.canvases.delete(second.id);
    expect(project.canvases.list()).toHaveLength(1);
  });
});

describe('Project versions and branches', () => {
  it('saves named versions, diffs them, and restores one as an undoable forward change', () => {
    const project = tempProject({ author: 'ana' });
    const id = project.defaultCanvas();
    const canvas = project.canvases.doc(id);
    const sql = canvas.add('sql', {
      name: 'revenue',
      sql: 'SELECT region,\n  sum(amount)\nFROM sales\nGROUP BY 1',
    });
    const v1 = project.history.create(id, { message: 'First draft', tag: 'Q3 final' });
    expect(v1).toMatchObject({ kind: 'named', message: 'First draft', author: 'ana', tag: 'Q3 final' });

    canvas.update(sql, { sql: 'SELECT region,\n  avg(amount)\nFROM sales\nGROUP BY 1' });
    const note = canvas.add('text', { text: 'Averages look better' });
    const v2 = project.history.create(id, { message: 'Averages' });

    const diff = project.history.diff(id, v1.id, v2.id);
    expect(diff.added.map((b) => b.id)).toEqual([note]);
    expect(
      diff.changed[0]?.fields[0]?.lines?.filter((l) => l.op !== 'same').map((l) => l.op + l.text),
    ).toEqual(['remove  sum(amount)', 'add  avg(amount)']);

    const restored = project.history.restore(id, v1.id);
    expect(restored).toMatchObject({ kind: 'restore', message: 'Restored "First draft"' });
    expect(canvas.block(note)).toBeUndefined();
    expect(project.history.diff(id, v1.id).changed).toEqual([]);
    // History was not rewritten: every version is still there, newest first, with the checkpoint.
    expect(project.history.list(id).map((v) => v.kind)).toEqual(['restore', 'auto', 'named', 'named']);
    // And the restore can be undone by restoring the checkpoint taken just before it.
    const before = project.history.list(id)[1];
    project.history.restore(id, before?.id ?? '');
    expect(canvas.block(note)).toBeDefined();

    expect(() => project.history.create(id, { message: ' ' })).toThrow(/needs a message/);
    expect(() => project.history.diff(id, 'nope')).toThrow(/no version/);
  });

  it('takes automatic checkpoints while editing', () => {
    const project = tempProject({ checkpointEveryMs: 0 });
    const id = project.defaultCanvas();
    project.canvases.doc(id).add('text', { text: 'a' });
    expect(project.history.list(id).some((v) => v.kind === 'auto')).toBe(true);
  });

  it('forks a branch at a version, edits it and merges it back with a report, as a version', async () => {
    const project = tempProject();
    const id = project.defaultCanvas();
    const main = project.canvases.doc(id);
    const shared = main.add('sql', { name: 'revenue', sql: 'SELECT 1' });
    const v1 = project.history.create(id, { message: 'base' });

    const branch = project.history.fork(id, 'try averages', v1.id);
    expect(branch).toMatchObject({ branchOf: id, forkVersion: v1.id, name: 'try averages' });
    const onBranch = project.canvases.doc(branch.id);
    onBranch.update(shared, { sql: 'SELECT 2' });
    const added = onBranch.add('chart', { source: 'revenue', spec: { type: 'bar' } });
    main.update(shared, { title: 'Revenue' });
    await project.close();

    // Branches survive a restart like any canvas.
    const again = reopen(project.dir);
    expect(again.canvases.branches(id).map((b) => b.name)).toEqual(['try averages']);
    const { version, report } = again.history.merge(branch.id);
    expect(version.kind).toBe('merge');
    expect(report.conflicts.map((c) => c.id)).toEqual([shared]);
    const merged = again.canvases.doc(id);
    expect(merged.block(shared)).toMatchObject({ sql: 'SELECT 2', title: 'Revenue' });
    expect(merged.block(added)).toBeDefined();
    expect(again.canvases.info(branch.id).mergedAt).toBeTypeOf('number');
    expect(again.history.list(id)[0]?.details).toMatchObject({ conflicts: [{ id: shared }] });
    expect(() => again.history.merge(id)).toThrow(/not a branch/);
    expect(() => again.history.merge(branch.id)).toThrow(/merged already/);
  });
});

describe('Project search and records', () => {
  it('finds titles, SQL, notes and comments, ranked, with snippets', () => {
    const project = tempProject();
    const id = project.defaultCanvas();
    const canvas = project.canvases.doc(id);
    const sql = canvas.add('sql', {
      name: 'churn_by_month',
      sql: 'SELECT month, count(*) FROM cancellations GROUP BY 1',
      title: 'Churn',
    });
    canvas.add('text', { text: 'We think churn rose after the price change in March.' });
    canvas.addComment({ blockId: sql, author: 'ana', text: 'Does this include trial users?' });

    const hits = project.searchText('churn');
    expect(hits.map((h) => h.kind)).toEqual(['block', 'block']);
    expect(hits[0]?.title).toBe('Churn'); // a title hit ranks first
    expect(hits[1]?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['churn']);
    expect(project.searchText('trial').map((h) => h.kind)).toEqual(['comment']);
    expect(project.searchText('cancel')[0]?.ref).toBe(sql); // prefix match
    // Edits are searchable right away.
    canvas.update(sql, { title: 'Cancellations' });
    expect(project.searchText('churn').map((h) => h.title)).toContain('Cancellations');
  });

  it('treats search input as text, never as FTS syntax', () => {
    const project = tempProject();
    for (const input of [
      '"',
      'NEAR(a b)',
      'a OR',
      '*',
      ') (',
      "'; DROP TABLE canvases; --",
      '',
      'x'.repeat(10000),
    ]) {
      expect(() => project.searchText(input)).not.toThrow();
    }
    expect(project.canvases.list()).toHaveLength(1);
  });

  it('keeps query history, favorites, notifications, settings and onboarding', async () => {
    const project = tempProject();
    project.records.recordQuery({
      canvasId: null,
      block: null,
      sql: 'SELECT 1',
      startedAt: 1,
      durationMs: 2,
      rowCount: 1,
      error: null,
    });
    project.records.addFavorite({ kind: 'query', ref: 'SELECT 1', label: 'One' });
    const n = project.records.notify('version', 'New version', 'Ana saved "Q3 final"');
    project.records.setSetting('theme', 'dark');
    project.records.completeStep('import-data');
    await project.close();

    const again = reopen(project.dir);
    expect(again.records.history()).toMatchObject([{ sql: 'SELECT 1', rowCount: 1 }]);
    expect(again.records.favorites()).toMatchObject([{ kind: 'query', label: 'One' }]);
    expect(again.records.notifications({ unreadOnly: true }).map((x) => x.id)).toEqual([n]);
    again.records.markRead([n]);
    expect(again.records.notifications({ unreadOnly: true })).toEqual([]);
    expect(again.records.setting('theme')).toBe('dark');
    expect(Object.keys(again.records.onboarding())).toEqual(['import-data']);
    expect(() => again.records.addFavorite({ kind: 'nope' as 'query', ref: 'x', label: 'x' })).toThrow(
      /Unknown favorite/,
    );
    expect(() => again.records.setSetting('bad', () => 1)).toThrow(/JSON value/);
  });
});
