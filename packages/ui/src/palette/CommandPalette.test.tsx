// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils/render.tsx';
import { CommandPalette, type PaletteHit } from './CommandPalette.tsx';

const HIT: PaletteHit = {
  kind: 'block',
  ref: 'b1',
  title: 'query_1',
  snippet: [
    { text: 'SELECT <img src=x onerror="window.hacked=1"> ', match: false },
    { text: 'warmest', match: true },
    { text: ' city', match: false },
  ],
};

function open(): void {
  act(() => void fireEvent.keyDown(window, { key: 'k', ctrlKey: true }));
}

describe('CommandPalette', () => {
  it('opens with Ctrl+K, filters commands as one types, and runs the one picked with Enter', async () => {
    const ran: string[] = [];
    const commands = ['New SQL block', 'New note', 'Toggle theme'].map((label) => ({
      label,
      run: () => ran.push(label),
    }));
    renderUi(
      <CommandPalette commands={commands} search={() => Promise.resolve([])} onPick={() => undefined} />,
    );
    open();
    const input = await screen.findByRole('textbox', { name: 'Search' });
    fireEvent.change(input, { target: { value: 'new' } });
    const results = screen.getByRole('listbox', { name: 'Results' });
    expect(
      within(results)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['New SQL block', 'New note']);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(within(results).getByRole('option', { selected: true }).textContent).toBe('New note');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(ran).toEqual(['New note']);
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Search' })).toBeNull());
  });

  it('shows search hits with the matched words marked from plain text, never HTML', async () => {
    const picked: PaletteHit[] = [];
    const searches: string[] = [];
    renderUi(
      <CommandPalette
        commands={[]}
        search={(text) => {
          searches.push(text);
          return Promise.resolve(text === 'warmest' ? [HIT] : []);
        }}
        onPick={(hit) => picked.push(hit)}
      />,
    );
    open();
    const input = await screen.findByRole('textbox', { name: 'Search' });
    fireEvent.change(input, { target: { value: 'warmest' } });
    const option = await screen.findByRole('option', { name: /query_1/ });
    expect([...option.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['warmest']);
    expect(option.querySelector('img')).toBeNull();
    expect(option.textContent).toContain('<img src=x');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(picked).toEqual([HIT]);
    expect(searches).toContain('warmest');
  });

  it('says when nothing matches', async () => {
    renderUi(<CommandPalette commands={[]} search={() => Promise.resolve([])} onPick={() => undefined} />);
    open();
    fireEvent.change(await screen.findByRole('textbox', { name: 'Search' }), { target: { value: 'zebra' } });
    expect(await screen.findByText('Nothing matches “zebra”.')).toBeTruthy();
  });
});
