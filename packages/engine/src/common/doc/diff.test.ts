import { describe, expect, it } from 'vitest';
import { CanvasDoc } from './canvas-doc.ts';
import { diffDocs, isEmptyDiff } from './diff.ts';

function copy(canvas: CanvasDoc): CanvasDoc {
  return CanvasDoc.fromUpdate(canvas.encodeState());
}

describe('diffDocs', () => {
  it('reports added, removed, moved, resized and edited blocks with a SQL line diff', () => {
    const before = new CanvasDoc();
    const sql = before.add('sql', { name: 'revenue', sql: 'SELECT month,\n  sum(amount)\nFROM sales' });
    const note = before.add('text', { text: 'Draft' });
    const chart = before.add('chart', {
      source: 'revenue',
      spec: { type: 'bar', x: 'month', color: 'blue' },
    });
    const after = copy(before);
    after.update(sql, { sql: 'SELECT month,\n  sum(amount) AS total\nFROM sales' });
    after.move(note, 40, 80);
    after.resize(chart, 600, 400);
    after.update(chart, { spec: { type: 'line', x: 'month', color: 'blue' } });
    after.delete([note]);
    const added = after.add('metric', { source: 'revenue', column: 'total' });

    const diff = diffDocs(before, after);
    expect(diff.added.map((b) => b.id)).toEqual([added]);
    expect(diff.removed.map((b) => b.id)).toEqual([note]);
    const sqlChange = diff.changed.find((c) => c.id === sql);
    expect(sqlChange?.label).toBe('revenue');
    expect(sqlChange?.fields[0]?.lines?.filter((l) => l.op !== 'same')).toEqual([
      { op: 'remove', text: '  sum(amount)' },
      { op: 'add', text: '  sum(amount) AS total' },
    ]);
    const chartChange = diff.changed.find((c) => c.id === chart);
    expect(chartChange?.resized).toEqual({ from: { w: 480, h: 320 }, to: { w: 600, h: 400 } });
    expect(chartChange?.fields).toMatchObject([{ field: 'spec', keys: ['type'] }]);
  });

  it('reports moves and glossary and metric changes, and nothing for equal docs', () => {
    const before = new CanvasDoc();
    const id = before.add('text', { text: 'hi' });
    before.setTerm('ARR', { definition: 'annual recurring revenue', synonyms: [] });
    before.setMetric('revenue', { sql: 'sum(amount)', table: 'sales' });
    expect(isEmptyDiff(diffDocs(before, copy(before)))).toBe(true);

    const after = copy(before);
    after.move(id, 10, 20);
    after.setTerm('ARR', { definition: 'annual recurring revenue', synonyms: ['arr'] });
    after.setTerm('churn', { definition: 'customers lost', synonyms: [] });
    after.deleteMetric('revenue');
    const diff = diffDocs(before, after);
    expect(diff.changed).toEqual([
      {
        id,
        type: 'text',
        label: 'hi',
        moved: { from: { x: 0, y: 0 }, to: { x: 10, y: 20 } },
        fields: [],
      },
    ]);
    expect(diff.glossary).toEqual({ added: ['churn'], removed: [], changed: ['ARR'] });
    expect(diff.metrics).toEqual({ added: [], removed: ['revenue'], changed: [] });
  });
});
