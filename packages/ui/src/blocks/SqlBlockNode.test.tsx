// @vitest-environment jsdom
import { CompletionContext, type CompletionSource } from '@codemirror/autocomplete';
import { EditorView } from '@codemirror/view';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Block, CanvasDoc, SqlError, type TableInfo } from '@facet/engine/common';
import type { BlockRunResult, CanvasServices } from '../services.ts';
import { renderUi } from '../test-utils/render.tsx';
import type { BlockNodeProps } from './block-node.ts';
import { SqlBlockNode } from './SqlBlockNode.tsx';

const WEATHER: TableInfo = {
  name: 'weather',
  columns: [{ name: 'city', type: 'VARCHAR', nullable: true }],
  rowCount: 3,
  fingerprint: 'f',
};

/** The platform side of the node: runs answer with `run`, and every call is recorded. */
function platform(run: (name: string, signal?: AbortSignal) => Promise<BlockRunResult>) {
  const runs: { name: string; signal: AbortSignal | undefined }[] = [];
  const services: CanvasServices = {
    runBlock: (name, signal) => {
      runs.push({ name, signal });
      return run(name, signal);
    },
    tables: () => Promise.resolve([WEATHER]),
    queryCanvas: () => Promise.reject(new Error('not in these tests')),
    importFiles: () => Promise.reject(new Error('not in these tests')),
    exportBlock: () => Promise.reject(new Error('not in these tests')),
    profile: () => Promise.reject(new Error('not in these tests')),
  };
  return { services, runs };
}

const threeCities = (): Promise<BlockRunResult> =>
  Promise.resolve({
    table: tableFromArrays({ city: ['Lyon', 'Oslo', 'Seattle'] }),
    rowCount: 3,
    elapsedMs: 12.4,
    cached: false,
  });

function renderBlock(canvas: CanvasDoc, id: string, services: CanvasServices) {
  const block = canvas.block(id) as Block<'sql'>;
  const props = { id, data: { block, canvas, services } } as unknown as BlockNodeProps;
  const result = renderUi(<SqlBlockNode {...props} />);
  const content = screen.getByRole('textbox', { name: 'SQL' });
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('no editor');
  return { ...result, content, view, text: canvas.sharedText(id, 'sql') };
}

describe('SqlBlockNode', () => {
  it('runs on Ctrl+Enter and shows the rows, their count and the time', async () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('sql', { name: 'cities', sql: 'SELECT city FROM weather' });
    const { services, runs } = platform(threeCities);
    const { content } = renderBlock(canvas, id, services);
    fireEvent.keyDown(content, { key: 'Enter', code: 'Enter', keyCode: 13, ctrlKey: true });
    const grid = await screen.findByRole('grid', { name: 'Result of cities' });
    expect(runs.map((r) => r.name)).toEqual(['cities']);
    expect(
      within(grid)
        .getAllByRole('gridcell')
        .map((c) => c.textContent),
    ).toEqual(['Lyon', 'Oslo', 'Seattle']);
    expect(screen.getByText('3 rows · 12 ms').closest('[role="status"]')).toBeTruthy();
  });

  it('shows a run of this block started elsewhere (a chart, a downstream block)', async () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('sql', { name: 'cities', sql: 'SELECT city FROM weather' });
    const { services } = platform(threeCities);
    const listeners: ((name: string, result: BlockRunResult) => void)[] = [];
    services.onBlockRun = (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    };
    renderBlock(canvas, id, services);
    const result = await threeCities();
    act(() => listeners.forEach((l) => l('other_block', result)));
    expect(screen.queryByRole('grid')).toBeNull();
    act(() => listeners.forEach((l) => l('Cities', result)));
    expect(screen.getByRole('grid', { name: 'Result of cities' })).toBeTruthy();
  });

  it('turns Run into Cancel while running, and Cancel aborts the run', async () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('sql', { name: 'slow', sql: 'SELECT 1' });
    const { services, runs } = platform(
      (_name, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('cancelled'), { code: 'CANCELLED' })),
          ),
        ),
    );
    renderBlock(canvas, id, services);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(screen.getByText('Running…')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(runs[0]?.signal?.aborted).toBe(true);
    expect(await screen.findByText('Cancelled')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a SQL error under the editor and underlines where it points, until the text changes', async () => {
    const canvas = new CanvasDoc();
    const sql = 'SELECT city,\n  tmep\nFROM weather';
    const id = canvas.add('sql', { name: 'q', sql });
    const position = sql.indexOf('tmep');
    const { services } = platform(() =>
      Promise.reject(
        new SqlError('Binder Error: Referenced column "tmep" not found (line 2, column 3)', {
          kind: 'Binder',
          line: 2,
          column: 3,
          position,
        }),
      ),
    );
    const { content, text } = renderBlock(canvas, id, services);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Binder Error: Referenced column "tmep" not found (line 2, column 3)');
    const mark = content.querySelector('.cm-facet-error');
    expect(mark?.textContent).toBe('tmep');
    expect(mark?.getAttribute('title')).toBe(alert.textContent);
    expect(content.getAttribute('aria-invalid')).toBe('true');
    expect(content.getAttribute('aria-describedby')).toBe(alert.id);

    // A collaborator's edit (or one's own) makes the position stale: both go.
    act(() => text.insert(sql.length, ' LIMIT 5'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(content.querySelector('.cm-facet-error')).toBeNull();
    expect(content.getAttribute('aria-invalid')).toBeNull();
  });

  it('formats through the shared text as one minimal change, undone in one step', () => {
    const canvas = new CanvasDoc();
    const sql = 'select city, count(*) as n from weather group by city';
    const id = canvas.add('sql', { name: 'q', sql });
    const { services } = platform(threeCities);
    const { content, text } = renderBlock(canvas, id, services);
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    fireEvent.click(screen.getByRole('button', { name: 'Format SQL' }));
    expect(text.toString()).toBe('select\n  city,\n  count(*) as n\nfrom\n  weather\ngroup by\n  city');
    // Kept its first word: only from the first difference on was replaced.
    expect(deltas).toHaveLength(1);
    expect((deltas[0] as { retain?: number }[])[0]).toEqual({ retain: 'select'.length });

    fireEvent.keyDown(content, { key: 'z', code: 'KeyZ', keyCode: 90, ctrlKey: true });
    expect(text.toString()).toBe(sql);
    // Shift+Alt+F does the same from the keyboard.
    fireEvent.keyDown(content, { key: 'F', code: 'KeyF', keyCode: 70, shiftKey: true, altKey: true });
    expect(text.toString()).toContain('group by\n  city');
  });

  it('says when SQL cannot be formatted, and leaves it as it was', () => {
    const canvas = new CanvasDoc();
    const sql = "SELECT 'unterminated FROM weather";
    const id = canvas.add('sql', { name: 'q', sql });
    const { text } = renderBlock(canvas, id, platform(threeCities).services);
    fireEvent.click(screen.getByRole('button', { name: 'Format SQL' }));
    expect(screen.getByText(/This SQL cannot be formatted/)).toBeTruthy();
    expect(text.toString()).toBe(sql);
  });

  it('completes tables, columns and the names of other blocks, and follows new blocks', async () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('sql', { name: 'mine', sql: 'SELECT * FROM ' });
    canvas.add('sql', { name: 'other', sql: 'SELECT 1' });
    const { view } = renderBlock(canvas, id, platform(threeCities).services);
    const labels = async (): Promise<string[]> => {
      const pos = view.state.doc.length;
      const context = new CompletionContext(view.state, pos, true);
      const sources = view.state.languageDataAt<CompletionSource>('autocomplete', pos);
      const results = await Promise.all(sources.map(async (source) => source(context)));
      return results.flatMap((r) => (r ? r.options.map((o) => o.label) : []));
    };
    await waitFor(async () => expect(await labels()).toEqual(expect.arrayContaining(['weather', 'other'])));
    expect(await labels()).not.toContain('mine');
    act(() => void canvas.add('sql', { name: 'newcomer', sql: 'SELECT 2' }));
    await waitFor(async () => expect(await labels()).toContain('newcomer'));
  });

  it('keeps collaborators’ concurrent edits when formatting (minimal change, not replace-all)', () => {
    const canvas = new CanvasDoc();
    const id = canvas.add('sql', { name: 'q', sql: 'select a, b from t' });
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(canvas.doc));
    const { text } = renderBlock(canvas, id, platform(threeCities).services);
    // Meanwhile, offline, a collaborator upper-cases the first keyword.
    const theirs = (remote.getMap('blocks').get(id) as Y.Map<unknown>).get('sql') as Y.Text;
    theirs.delete(0, 6);
    theirs.insert(0, 'SELECT');
    fireEvent.click(screen.getByRole('button', { name: 'Format SQL' }));
    act(() => {
      Y.applyUpdate(canvas.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(canvas.doc)));
      Y.applyUpdate(remote, Y.encodeStateAsUpdate(canvas.doc, Y.encodeStateVector(remote)));
    });
    expect(text.toString()).toBe('SELECT\n  a,\n  b\nfrom\n  t');
    expect(theirs.toString()).toBe(text.toString());
  });
});
