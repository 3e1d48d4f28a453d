import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CanvasDoc } from './canvas-doc.ts';
import { diffDocs, isEmptyDiff } from './diff.ts';
import { forkDoc, mergeBranch, restoreDoc } from './restore.ts';

describe('restoreDoc', () => {
  it('brings back an old state as a forward change that can be undone', () => {
    const canvas = new CanvasDoc();
    const a = canvas.add('sql', { name: 'a', sql: 'SELECT 1' });
    canvas.setTerm('ARR', { definition: 'annual recurring revenue', synonyms: [] });
    const version = canvas.encodeState();
    canvas.stopCapturing();

    canvas.update(a, { sql: 'SELECT 2' });
    const b = canvas.add('text', { text: 'later' });
    canvas.deleteTerm('ARR');
    canvas.setMetric('m', { sql: 'count(*)', table: 't' });
    canvas.stopCapturing();
    const edited = CanvasDoc.fromUpdate(canvas.encodeState());

    restoreDoc(canvas, CanvasDoc.fromUpdate(version));
    expect(isEmptyDiff(diffDocs(CanvasDoc.fromUpdate(version), canvas))).toBe(true);
    expect(canvas.block(b)).toBeUndefined();
    expect(canvas.glossary()).toHaveProperty('ARR');

    // The restore is one undoable step that returns to the edited state.
    expect(canvas.undo()).toBe(true);
    expect(isEmptyDiff(diffDocs(edited, canvas))).toBe(true);
  });

  it('keeps entries it does not understand', () => {
    const canvas = new CanvasDoc();
    canvas.doc.getMap('blocks').set('future', new Y.Map());
    restoreDoc(canvas, new CanvasDoc());
    expect(canvas.problems().map((p) => p.id)).toEqual(['future']);
  });
});

describe('branches', () => {
  it('merges a branch forked at an older version and reports blocks changed on both sides', () => {
    const main = new CanvasDoc();
    const shared = main.add('sql', { name: 'revenue', sql: 'SELECT region, sum(x)\nFROM sales\nGROUP BY 1' });
    const other = main.add('text', { text: 'notes' });
    const base = main.encodeState();

    const branch = forkDoc(base);
    branch.editText(shared, 'sql', 0, 0, '-- by region\n');
    const fresh = branch.add('chart', { source: 'revenue', spec: { type: 'bar' } });

    main.update(shared, { sql: 'SELECT region, sum(x)\nFROM sales\nGROUP BY 1\nORDER BY 2 DESC' });
    main.update(other, { text: 'notes, edited on main' });

    const report = mergeBranch(main, branch, CanvasDoc.fromUpdate(base));
    expect(report.conflicts).toEqual([{ id: shared, label: 'revenue', inMain: true, inBranch: true }]);
    expect(report.fromBranch.sort()).toEqual([shared, fresh].sort());
    // Yjs merged both edits of the SQL character by character.
    const sql = main.block(shared);
    expect(sql?.type === 'sql' && sql.sql).toBe(
      '-- by region\nSELECT region, sum(x)\nFROM sales\nGROUP BY 1\nORDER BY 2 DESC',
    );
    expect(main.block(fresh)?.type).toBe('chart');
    expect(main.block(other)).toMatchObject({ text: 'notes, edited on main' });
  });

  it('merges a branch whose block main deleted without losing the branch edit in the report', () => {
    const main = new CanvasDoc();
    const id = main.add('text', { text: 'x' });
    const base = main.encodeState();
    const branch = forkDoc(base);
    branch.update(id, { text: 'y' });
    main.delete([id]);
    const report = mergeBranch(main, branch, CanvasDoc.fromUpdate(base));
    expect(report.conflicts).toEqual([{ id, label: 'y', inMain: false, inBranch: true }]);
  });
});
