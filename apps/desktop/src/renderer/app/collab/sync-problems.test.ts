import { describe, expect, it } from 'vitest';
import { userColor } from '@facet/ui';
import { closeProblem, peersOf } from './sync-problems.ts';

describe('closeProblem', () => {
  it('stops syncing with a reason for revoked, deleted and signed-out connections only', () => {
    expect(closeProblem(4410)).toMatch(/access .* was removed or changed/);
    expect(closeProblem(4404)).toMatch(/deleted from the relay/);
    expect(closeProblem(4401)).toMatch(/Sign in again/);
    // A relay restarting, a timeout or a dropped network: reconnect, say nothing.
    for (const code of [1000, 1001, 1006, 4408, 4429]) expect(closeProblem(code)).toBeUndefined();
  });
});

describe('peersOf', () => {
  it('reads other clients’ presence, skipping ours and anything malformed', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: 'me', name: 'Me' }, cursor: { x: 1, y: 2 }, selection: [] }],
      [2, { user: { id: 'ada', name: 'Ada', color: 'red; background: url(x)' }, cursor: { x: 5, y: 6 } }],
      [3, { user: { id: 7, name: 'Bad id' } }],
      [4, {}],
      [
        5,
        { user: { id: 'bo', name: 'Bo' }, cursor: { x: 'far', y: 0 }, selection: ['b1', 3], editing: 'b1' },
      ],
      [6, { user: { id: 'cy', name: 'Cy' }, viewport: { x: 0, y: 0, zoom: 0 } }],
    ]);
    const peers = peersOf(states, 1);
    expect(peers.map((p) => p.user.name)).toEqual(['Ada', 'Bo', 'Cy']);
    // Colours come from the id, never from what a peer sends.
    expect(peers[0]).toMatchObject({
      clientId: 2,
      user: { color: userColor('ada') },
      cursor: { x: 5, y: 6 },
    });
    expect(peers[1]).toMatchObject({ cursor: null, selection: ['b1'], editing: 'b1' });
    expect(peers[2]!.viewport).toBeUndefined();
  });
});
