// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils/render.tsx';
import { ConnectionBadge, type ConnectionBadgeProps } from './ConnectionBadge.tsx';

const label = (props: Partial<ConnectionBadgeProps>): string => {
  const { unmount } = renderUi(
    <ConnectionBadge state="connected" people={1} pending={0} readOnly={false} {...props} />,
  );
  const text = screen.getByRole('status').textContent ?? '';
  expect(screen.getByRole('status').getAttribute('aria-label')).toBe(`Collaboration: ${text}`);
  unmount();
  return text;
};

describe('ConnectionBadge', () => {
  it('says live and how many people are here', () => {
    expect(label({ people: 1 })).toBe('Live · only you');
    expect(label({ people: 3 })).toBe('Live · 3 people');
  });

  it('counts the changes waiting while offline', () => {
    expect(label({ state: 'offline', pending: 0 })).toBe('Offline');
    expect(label({ state: 'offline', pending: 1 })).toBe('Offline · 1 change waiting');
    expect(label({ state: 'offline', pending: 12 })).toBe('Offline · 12 changes waiting');
  });

  it('tells connecting for the first time from reconnecting', () => {
    expect(label({ state: 'connecting', synced: false })).toBe('Connecting…');
    expect(label({ state: 'connecting', synced: true })).toBe('Reconnecting…');
    // Connected but the first sync has not finished yet.
    expect(label({ state: 'connected', synced: false })).toBe('Connecting…');
  });

  it('shows read only, and a problem over any state', () => {
    expect(label({ readOnly: true, people: 2 })).toBe('Read only · 2 people');
    expect(label({ problem: 'Your access to this shared canvas was removed.' })).toBe('Not syncing');
  });
});
