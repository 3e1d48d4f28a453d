import { describe, expect, it } from 'vitest';
import { CanvasDoc } from '../doc/canvas-doc.ts';
import { blockLineage, canvasControls, canvasGraph, sourceLineage } from './canvas-lineage.ts';
import { CycleError } from './graph.ts';

describe('canvas lineage', () => {
  it('follows SQL blocks, charts and metrics through the document', () => {
    const canvas = new CanvasDoc();
    canvas.add('sql', { name: 'monthly', sql: 'SELECT month, sum(amount) AS total FROM sales GROUP BY 1' });
    canvas.add('sql', { name: 'top', sql: 'SELECT * FROM monthly ORDER BY total DESC LIMIT 3' });
    canvas.add('sql', { name: 'regions', sql: 'SELECT DISTINCT region FROM stores' });
    const chart = canvas.add('chart', { source: 'top', spec: { type: 'bar' }, title: 'Top months' });
    const metric = canvas.add('metric', { source: 'Monthly', column: 'total' });
    canvas.add('table', { source: 'regions' });

    expect(blockLineage(canvas, 'monthly', ['sales', 'stores'])).toEqual({
      upstream: [],
      sources: ['sales'],
      downstream: ['top'],
      views: [
        { id: chart, type: 'chart', label: 'Top months' },
        { id: metric, type: 'metric', label: 'metric block' },
      ],
    });
    expect(blockLineage(canvas, 'top', ['sales', 'stores'])).toMatchObject({
      upstream: ['monthly'],
      sources: ['sales'],
    });
    expect(sourceLineage(canvas, 'sales').blocks).toEqual(['monthly', 'top']);
  });

  it('names the blocks of a cycle', () => {
    const canvas = new CanvasDoc();
    canvas.add('sql', { name: 'a', sql: 'SELECT * FROM b' });
    canvas.add('sql', { name: 'b', sql: 'SELECT * FROM a' });
    expect(canvasGraph(canvas).cycles()).toEqual([['a', 'b']]);
    expect(() => blockLineage(canvas, 'a', [])).toThrow(CycleError);
  });

  it('gives controls to SQL as parameters: date ranges as name_from and name_to', () => {
    const canvas = new CanvasDoc();
    canvas.add('control', { name: 'City', control: 'dropdown', value: 'Seattle', options: ['Seattle'] });
    canvas.add('control', { name: 'limit', control: 'number', value: 5 });
    canvas.add('control', { name: 'when', control: 'date-range', value: { from: '2014-01-01' } });
    canvas.add('control', { name: 'broken', control: 'date-range', value: 'not a range' });
    canvas.add('control', { name: 'tags', control: 'text', value: ['a', 'b'] });
    expect(canvasControls(canvas)).toEqual({
      city: 'Seattle',
      limit: 5,
      when_from: '2014-01-01',
      when_to: null,
      broken_from: null,
      broken_to: null,
      tags: '["a","b"]',
    });
  });
});
