/** Reading what the relay sends back: close codes as sentences, awareness states as peers. */
import { type Peer, userColor } from '@facet/ui';

/**
 * A close code that means syncing must stop until the person acts, as a sentence for the badge;
 * undefined for codes where reconnecting is right (the relay restarting, a network drop).
 * Codes: apps/sync-server/README.md "Limits and close codes".
 */
export function closeProblem(code: number): string | undefined {
  switch (code) {
    case 4401:
      return 'Your relay session ended. Sign in again (Share → Collaborate).';
    case 4403:
    case 4410:
      return 'Your access to this shared canvas was removed or changed. Your copy here is kept.';
    case 4404:
      return 'This canvas was deleted from the relay. Your copy here is kept.';
    case 4413:
      return 'This canvas is too large for the relay; new changes are kept here only.';
    default:
      return undefined;
  }
}

/** Other clients' presence from awareness states, skipping ours and any malformed state. */
export function peersOf(states: ReadonlyMap<number, Record<string, unknown>>, self: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === self) continue;
    const user = state.user as Partial<Peer['user']> | undefined;
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
    const cursor = state.cursor as Peer['cursor'] | undefined;
    const selection = Array.isArray(state.selection)
      ? state.selection.filter((id): id is string => typeof id === 'string').slice(0, 500)
      : [];
    const viewport = state.viewport as Peer['viewport'] | undefined;
    peers.push({
      clientId,
      // The colour comes from the id here, not from the peer: the same person, the same colour everywhere.
      user: { id: user.id, name: user.name.slice(0, 100), color: userColor(user.id) },
      cursor:
        cursor && Number.isFinite(cursor.x) && Number.isFinite(cursor.y)
          ? { x: cursor.x, y: cursor.y }
          : null,
      selection,
      ...(typeof state.editing === 'string' ? { editing: state.editing } : {}),
      ...(viewport && [viewport.x, viewport.y, viewport.zoom].every(Number.isFinite) && viewport.zoom > 0
        ? { viewport }
        : {}),
    });
  }
  return peers;
}
