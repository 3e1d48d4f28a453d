import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { CanvasDoc } from '@facet/engine/common';
import { canvasPdf, plainMarkdown, tableText } from './canvas-pdf.ts';

/** The text a PDF draws (jsPDF writes `(text) Tj`); compression is off for this check. */
async function pdfStrings(bytes: Uint8Array): Promise<string> {
  const { inflateSync } = await import('node:zlib');
  const raw = Buffer.from(bytes).toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      return m[1] ?? '';
    }
  });
  return streams.join('\n');
}

describe('canvas PDF', () => {
  const canvas = new CanvasDoc();
  canvas.add('text', { text: '## Sales\nA **bold** [link](https://x.y) note.', x: 0, y: 0 });
  canvas.add('sql', { name: 'totals', sql: 'SELECT region, total\nFROM sales', x: 0, y: 300 });
  canvas.add('chart', { source: 'totals', spec: { type: 'bar', x: 'region', y: ['total'] }, x: 520, y: 300 });
  canvas.add('sql', { name: 'broken', sql: 'SELEC nonsense', x: 0, y: 700 });
  canvas.add('metric', { source: 'totals', column: 'total', title: 'First total', x: 0, y: 900 });
  const totals = tableFromArrays({ region: ['north', 'south'], total: Float64Array.from([10.5, 20]) });

  it('writes every block in reading order, with results, a chart picture and readable failures', async () => {
    const bytes = await canvasPdf({
      title: 'Quarterly review',
      blocks: canvas.blocks(),
      result: (name) => (name === 'totals' ? Promise.resolve(totals) : Promise.reject(new Error('no'))),
      // A 1×1 PNG stands in for the browser's rendering of the chart.
      chartImage: () =>
        Promise.resolve(
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        ),
      date: new Date(Date.UTC(2026, 0, 2)),
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfStrings(bytes);
    const order = [
      'Quarterly review',
      'Sales',
      'totals',
      'north',
      'Chart of totals',
      'broken',
      'First total',
    ];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('could not run');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Subtype /Image');
  });

  it('says so when a chart cannot be drawn', async () => {
    const bytes = await canvasPdf({
      title: 'T',
      blocks: canvas.blocks().filter((b) => b.type === 'chart'),
      result: () => Promise.resolve(undefined),
      chartImage: () => Promise.resolve(undefined),
    });
    expect(await pdfStrings(bytes)).toContain('could not be drawn');
  });

  it('prints characters its fonts lack as "?" instead of garbage', async () => {
    const bytes = await canvasPdf({
      title: 'Café 東京 ✓',
      blocks: [],
      result: () => Promise.resolve(undefined),
      chartImage: () => Promise.resolve(undefined),
    });
    expect(await pdfStrings(bytes)).toContain('Caf');
    expect(await pdfStrings(bytes)).toContain('??');
  });
});

describe('report text', () => {
  it('tables show the first rows and say how many more', () => {
    const n = 1000;
    const big = tableFromArrays({
      id: Int32Array.from({ length: n }, (_, i) => i),
      name: Array.from({ length: n }, (_, i) => `n${i}`),
    });
    const text = tableText(big);
    expect(text.split('\n')[0]).toMatch(/^id\s+name/);
    expect(text).toContain('n19');
    expect(text).not.toContain('n20 ');
    expect(text).toContain('980 more rows');
  });

  it('markdown loses its markers but keeps its words', () => {
    expect(plainMarkdown('# Title\n- **a** and _b_ with `c` and [d](http://e)')).toBe(
      'Title\n• a and b with c and d',
    );
  });
});
