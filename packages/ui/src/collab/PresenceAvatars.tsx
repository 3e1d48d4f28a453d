/**
 * Who else is on the canvas: a round avatar with initials in the person's colour, a tooltip with
 * their name and the block they are editing, and a click to follow their viewport (again to stop).
 */
import { Avatar, Tooltip } from '@mantine/core';
import { initials, peoplePresent, type Peer } from './presence.ts';

export interface PresenceAvatarsProps {
  /** Other clients on the canvas (not this one). */
  peers: readonly Peer[];
  /** The user being followed, if any. */
  following?: string;
  /** Starts following a user (or stops, with undefined). */
  onFollow?: (userId: string | undefined) => void;
  /** A readable name for a block ("query_1"), for the tooltip. */
  blockLabel?: (blockId: string) => string | undefined;
  /** Avatars shown before "+N". */
  max?: number;
}

export function PresenceAvatars({ peers, following, onFollow, blockLabel, max = 5 }: PresenceAvatarsProps) {
  const people = peoplePresent(peers);
  if (people.length === 0) return null;
  const shown = people.slice(0, max);
  const rest = people.length - shown.length;
  return (
    <Avatar.Group spacing="xs" role="group" aria-label="People on this canvas">
      {shown.map((peer) => {
        const { id, name, color } = peer.user;
        const editing = peer.editing ? (blockLabel?.(peer.editing) ?? 'a block') : undefined;
        const followed = following === id;
        const action = followed ? 'click to stop following' : 'click to follow';
        return (
          <Tooltip key={id} label={`${name}${editing ? ` · editing ${editing}` : ''} · ${action}`} withArrow>
            <Avatar
              component="button"
              type="button"
              size={30}
              radius="xl"
              aria-label={followed ? `Stop following ${name}` : `Follow ${name}`}
              aria-pressed={followed}
              onClick={() => onFollow?.(followed ? undefined : id)}
              styles={{
                root: {
                  cursor: 'pointer',
                  padding: 0,
                  borderColor: followed ? color : 'var(--mantine-color-body)',
                  borderWidth: 2,
                  boxShadow: followed ? `0 0 0 2px ${color}` : undefined,
                },
                placeholder: { background: color, color: 'white', fontSize: 12, fontWeight: 600 },
              }}
            >
              {initials(name)}
            </Avatar>
          </Tooltip>
        );
      })}
      {rest > 0 && (
        <Tooltip
          label={people
            .slice(max)
            .map((p) => p.user.name)
            .join(', ')}
        >
          <Avatar size={30} radius="xl" aria-label={`${rest} more`}>
            +{rest}
          </Avatar>
        </Tooltip>
      )}
    </Avatar.Group>
  );
}
