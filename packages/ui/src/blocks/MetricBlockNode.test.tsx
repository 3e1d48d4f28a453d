// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { type Block, CanvasDoc } from '@facet/engine/common';
import type { BlockRunResult, CanvasServices } from '../services.ts';
import { renderUi } from '../test-utils/render.tsx';
import type { BlockNodeProps } from './block-node.ts';
import { ControlBlockNode } from './ControlBlockNode.tsx';
import { MetricBlockNode } from './MetricBlockNode.tsx';

/** Answers runs with `rows` and lets the test announce later runs, as the app's services do. */
function platform(first: Record<string, number[]>) {
  const listeners = new Set<(name: string, result: BlockRunResult) => void>();
  const result = (columns: Record<string, number[]>): BlockRunResult => ({
    table: tableFromArrays(
      Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
    ),
    rowCount: 1,
    elapsedMs: 1,
    cached: false,
  });
  const services: CanvasServices = {
    runBlock: () => Promise.resolve(result(first)),
    queryCanvas: () => Promise.reject(new Error('unused')),
    importFiles: () => Promise.reject(new Error('unused')),
    exportBlock: () => Promise.reject(new Error('unused')),
    tables: () => Promise.resolve([]),
    profile: () => Promise.reject(new Error('unused')),
    onBlockRun: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const announce = (name: string, columns: Record<string, number[]>): void =>
    listeners.forEach((l) => l(name, result(columns)));
  return { services, announce, listeners };
}

function props(canvas: CanvasDoc, id: string, services: CanvasServices): BlockNodeProps {
  return { id, data: { block: canvas.block(id) as Block, canvas, services } } as unknown as BlockNodeProps;
}

describe('MetricBlockNode', () => {
  it('shows the first value formatted, the change against the comparison, and follows re-runs', async () => {
    const canvas = new CanvasDoc();
    canvas.add('sql', { name: 'sales', sql: 'SELECT 1' });
    const id = canvas.add('metric', {
      source: 'sales',
      column: 'revenue',
      comparison: 'last_year',
      format: 'compact',
      title: 'Revenue',
    });
    const { services, announce, listeners } = platform({ revenue: [1_250_000], last_year: [1_000_000] });
    const { unmount } = renderUi(<MetricBlockNode {...props(canvas, id, services)} />);
    const metric = screen.getByRole('group', { name: 'Metric: Revenue' });
    await waitFor(() => expect(metric.textContent).toContain('1.3M'));
    expect(metric.textContent).toContain('▲ 25% vs last_year');
    act(() => announce('other', { revenue: [5] }));
    expect(metric.textContent).toContain('1.3M');
    act(() => announce('SALES', { revenue: [900_000], last_year: [1_000_000] }));
    expect(metric.textContent).toContain('900K');
    expect(metric.textContent).toContain('▼ 10%');
    unmount();
    expect(listeners.size).toBe(0);
  });

  it('shows a dash, not NaN, when the column is missing', async () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('metric', { source: 'sales', column: 'nope' });
    const { services } = platform({ revenue: [1] });
    renderUi(<MetricBlockNode {...props(canvas, id, services)} />);
    await waitFor(() => expect(screen.getByRole('group').textContent).toBe('–'));
  });
});

describe('ControlBlockNode', () => {
  it('writes the value to the document: numbers as numbers, text on Enter', () => {
    const canvas = new CanvasDoc();
    const number = canvas.add('control', { name: 'min_temp', control: 'number', value: 0 });
    const text = canvas.add('control', { name: 'city', control: 'text', value: 'Oslo' });
    const { services } = platform({});
    renderUi(<ControlBlockNode {...props(canvas, number, services)} />);
    renderUi(<ControlBlockNode {...props(canvas, text, services)} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'min_temp' }), { target: { value: '13' } });
    expect(canvas.block(number)).toMatchObject({ value: 13 });
    const city = screen.getByRole('textbox', { name: 'city' });
    fireEvent.change(city, { target: { value: 'Lyon' } });
    expect(canvas.block(text)).toMatchObject({ value: 'Oslo' }); // typing does not commit (no re-run per key)
    fireEvent.keyDown(city, { key: 'Enter' });
    expect(canvas.block(text)).toMatchObject({ value: 'Lyon' });
  });
});
