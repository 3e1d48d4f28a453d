import { describe, expect, it } from 'vitest';
import { renameReferences } from '../dag/references.ts';
import type { Block } from './blocks.ts';
import { CanvasDoc } from './canvas-doc.ts';
import { clipboardText, duplicateBlocks, pasteBlocks, readClipboard } from './paste.ts';

function setup() {
  const canvas = new CanvasDoc();
  const monthly = canvas.add('sql', {
    name: 'monthly',
    sql: 'SELECT month, sum(x) AS total FROM sales GROUP BY 1',
  });
  const top = canvas.add('sql', {
    name: 'top',
    sql: "SELECT * FROM monthly WHERE 'monthly' <> '' -- monthly\nORDER BY monthly.total DESC",
  });
  const chart = canvas.add('chart', { source: 'top', spec: { type: 'bar', x: 'month', y: ['total'] } });
  return { canvas, monthly, top, chart };
}

describe('copy and paste of blocks', () => {
  it('gives copies unique names and rewires the copies that read each other', () => {
    const { canvas, monthly, top, chart } = setup();
    const blocks = [monthly, top, chart].map((id) => canvas.block(id) as Block);
    const ids = pasteBlocks(canvas, readClipboard(clipboardText(blocks)) ?? []);
    expect(ids).toHaveLength(3);
    const [m2, t2, c2] = ids.map((id) => canvas.block(id));
    expect(m2).toMatchObject({ type: 'sql', name: 'monthly_2' });
    // The reference and its qualifier are rewired; the string and the comment are left alone.
    expect(t2).toMatchObject({
      name: 'top_2',
      sql: "SELECT * FROM monthly_2 WHERE 'monthly' <> '' -- monthly\nORDER BY monthly_2.total DESC",
    });
    expect(c2).toMatchObject({ type: 'chart', source: 'top_2' });
    expect(c2?.x).toBe((canvas.block(chart)?.x ?? 0) + 32);
    // One undo removes the whole paste.
    canvas.undo();
    expect(canvas.blocks()).toHaveLength(3);
  });

  it('keeps reads of blocks outside the copied set on the originals', () => {
    const { canvas, top, chart } = setup();
    const [t2, c2] = duplicateBlocks(canvas, [top, chart]).map((id) => canvas.block(id));
    expect(t2).toMatchObject({ name: 'top_2' });
    expect((t2 as Block<'sql'>).sql).toContain('FROM monthly ');
    expect(c2).toMatchObject({ source: 'top_2' });
    // Again: names keep counting up.
    expect(canvas.block(duplicateBlocks(canvas, [top])[0] ?? '')).toMatchObject({ name: 'top_3' });
  });

  it('ignores text that is not Facet blocks and skips hostile blocks', () => {
    expect(readClipboard('SELECT 1')).toBeUndefined();
    expect(readClipboard('{"facet":"blocks"')).toBeUndefined();
    expect(readClipboard('{"facet":"blocks","version":1,"blocks":"no"}')).toBeUndefined();
    const canvas = new CanvasDoc();
    const hostile = [
      { type: 'sql', id: 'x', name: 'ok', sql: 'SELECT 1', x: 0, y: 0, w: 10, h: 10, title: '' },
      { type: '__proto__', id: 'y', x: 0, y: 0 },
      { type: 'sql', id: 'z', name: 'bad', sql: 'SELECT 2', x: 'far', y: 0, w: 10, h: 10, title: '' },
      null,
    ] as unknown as Block[];
    const ids = pasteBlocks(canvas, hostile);
    expect(ids).toHaveLength(1);
    expect(canvas.blocks().map((b) => ('name' in b ? b.name : b.type))).toEqual(['ok']);
    expect(canvas.problems()).toEqual([]);
  });

  it('renames references in SQL only where they are references', () => {
    const renames = new Map([
      ['sales', 'sales_2'],
      ['my block', 'my block 2'],
    ]);
    expect(
      renameReferences(
        'SELECT sales.x, t.sales, sales(1) AS sales FROM sales JOIN "My Block" USING (id)',
        renames,
      ),
    ).toBe('SELECT sales_2.x, t.sales, sales(1) AS sales FROM sales_2 JOIN "my block 2" USING (id)');
  });

  it('renames a copied control only in placeholders, not in columns that share its name', () => {
    const canvas = new CanvasDoc();
    const control = canvas.add('control', { name: 'region', control: 'dropdown', value: 'north' });
    const sql = canvas.add('sql', {
      name: 'by_region',
      sql: 'SELECT region, sum(x) AS total FROM sales WHERE region = {{ region }} AND d >= {{region_from}} GROUP BY region',
    });
    const [c2, s2] = duplicateBlocks(canvas, [control, sql]).map((id) => canvas.block(id));
    expect(c2).toMatchObject({ type: 'control', name: 'region_2' });
    expect((s2 as Block<'sql'>).sql).toBe(
      'SELECT region, sum(x) AS total FROM sales WHERE region = {{region_2}} AND d >= {{region_2_from}} GROUP BY region',
    );
  });
});
