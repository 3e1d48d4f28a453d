// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Block, CanvasDoc } from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';
import { renderUi } from '../test-utils/render.tsx';
import type { BlockNodeProps } from './block-node.ts';
import { TextBlockNode } from './TextBlockNode.tsx';

function renderNote(text: string) {
  const canvas = new CanvasDoc();
  const id = canvas.add('text', { text });
  const block = canvas.block(id) as Block<'text'>;
  // A note never reaches the platform.
  const services = {} as CanvasServices;
  const props = { id, data: { block, canvas, services } } as unknown as BlockNodeProps;
  renderUi(<TextBlockNode {...props} />);
  return { canvas, id };
}

describe('TextBlockNode', () => {
  it('renders markdown but never raw HTML, scripts, frames or javascript: links', () => {
    const hostile = [
      '# Findings',
      'Lyon is **warmest**.',
      '<script>window.hacked = 1</script>',
      '<iframe src="https://example.com"></iframe>',
      '<img src=x onerror="window.hacked = 2">',
      '[click me](javascript:window.hacked=3) and [docs](https://duckdb.org)',
      '<a href="javascript:alert(1)">raw link</a>',
    ].join('\n\n');
    renderNote(hostile);
    const note = screen.getByLabelText('Note text');
    expect(screen.getByRole('heading', { name: 'Findings' })).toBeTruthy();
    expect(note.querySelector('strong')?.textContent).toBe('warmest');
    for (const tag of ['script', 'iframe', 'img', 'object', 'embed', 'style']) {
      expect(note.querySelector(tag), tag).toBeNull();
    }
    const links = [...note.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).toEqual(['click me', 'docs']);
    for (const link of links) expect(link.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
    expect(links[1]?.getAttribute('target')).toBe('_blank');
    expect(links[1]?.getAttribute('rel')).toContain('noopener');
    expect((globalThis as { hacked?: number }).hacked).toBeUndefined();
  });

  it('starts an empty note in its editor, and Done shows it rendered', () => {
    const { canvas, id } = renderNote('');
    const editor = screen.getByRole('textbox', { name: 'Note' });
    expect(editor).toBeTruthy();
    canvas.sharedText(id, 'text').insert(0, 'Some *emphasis*');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull();
  });
});
