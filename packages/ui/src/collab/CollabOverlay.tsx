/**
 * Everything collaboration draws or tracks inside the canvas, as one element for CanvasView's
 * `overlay`: other people's cursors and selections, this client's presence, and following.
 */
import type { Peer, PublishPresence } from './presence.ts';
import { CursorLayer } from './CursorLayer.tsx';
import { FollowViewport } from './FollowViewport.tsx';
import { PresenceTracker } from './PresenceTracker.tsx';

export interface CollabOverlayProps {
  /** Other clients on the canvas. */
  peers: readonly Peer[];
  publish: PublishPresence;
  /** The user id being followed, if any. */
  following?: string;
  onStopFollowing: () => void;
}

export function CollabOverlay({ peers, publish, following, onStopFollowing }: CollabOverlayProps) {
  const target = following
    ? peers.find((p) => p.user.id === following && p.viewport !== undefined)
    : undefined;
  return (
    <>
      <CursorLayer peers={peers} />
      <PresenceTracker publish={publish} />
      <FollowViewport target={target} onStop={onStopFollowing} />
    </>
  );
}
