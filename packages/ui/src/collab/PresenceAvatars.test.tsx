// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils/render.tsx';
import { initials, peoplePresent, type Peer, userColor } from './presence.ts';
import { PresenceAvatars } from './PresenceAvatars.tsx';

const peer = (clientId: number, id: string, name: string, extra: Partial<Peer> = {}): Peer => ({
  clientId,
  user: { id, name, color: userColor(id) },
  cursor: null,
  selection: [],
  ...extra,
});

/** rerender replaces the whole tree: keep the provider renderUi put around it. */
const themed = (ui: ReactNode) => <MantineProvider defaultColorScheme="light">{ui}</MantineProvider>;

describe('presence helpers', () => {
  it('makes initials and a stable colour per user', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  bob ')).toBe('B');
    expect(initials('Jean Paul Sartre')).toBe('JS');
    expect(initials('')).toBe('?');
    expect(userColor('user-1')).toBe(userColor('user-1'));
    expect(userColor('user-1')).toMatch(/^#[0-9a-f]{6}$/);
    const colours = new Set(Array.from({ length: 40 }, (_, i) => userColor(`u${i}`)));
    expect(colours.size).toBeGreaterThan(5);
  });

  it('shows a person with two tabs once, sorted by name', () => {
    const people = peoplePresent([
      peer(3, 'z', 'Zoe'),
      peer(1, 'a', 'Ada'),
      peer(2, 'a', 'Ada', { editing: 'b1' }),
    ]);
    expect(people.map((p) => [p.user.name, p.editing])).toEqual([
      ['Ada', 'b1'],
      ['Zoe', undefined],
    ]);
  });
});

describe('PresenceAvatars', () => {
  it('draws initials in the person’s colour, names the block they edit, and follows on click', async () => {
    const followed: (string | undefined)[] = [];
    const peers = [peer(1, 'a', 'Ada Lovelace', { editing: 'b1' }), peer(2, 'g', 'Grace Hopper')];
    const { rerender } = renderUi(
      <PresenceAvatars
        peers={peers}
        onFollow={(id) => followed.push(id)}
        blockLabel={(id) => (id === 'b1' ? 'query_1' : undefined)}
      />,
    );
    const ada = screen.getByRole('button', { name: 'Follow Ada Lovelace' });
    expect(ada.textContent).toBe('AL');
    expect(screen.getByRole('button', { name: 'Follow Grace Hopper' }).textContent).toBe('GH');
    fireEvent.mouseEnter(ada);
    await waitFor(() => screen.getByText('Ada Lovelace · editing query_1 · click to follow'));
    fireEvent.click(ada);
    expect(followed).toEqual(['a']);
    // While following, the same avatar stops it.
    rerender(themed(<PresenceAvatars peers={peers} following="a" onFollow={(id) => followed.push(id)} />));
    const stop = screen.getByRole('button', { name: 'Stop following Ada Lovelace' });
    expect(stop.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(stop);
    expect(followed).toEqual(['a', undefined]);
  });

  it('shows nobody when alone, and "+N" past the limit', () => {
    const { container, rerender } = renderUi(<PresenceAvatars peers={[]} />);
    expect(container.querySelector('[aria-label="People on this canvas"]')).toBeNull();
    const many = ['Ann', 'Ben', 'Cat', 'Dan'].map((name, i) => peer(i, name, name));
    rerender(themed(<PresenceAvatars peers={many} max={2} />));
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Follow Ann',
      'Follow Ben',
    ]);
    expect(screen.getByLabelText('2 more').textContent).toBe('+2');
  });
});
