/**
 * The toolbar's word on a shared canvas: live (and with how many people), offline with changes
 * waiting, reconnecting, read only, or a problem that needs the person (access removed, sign in).
 */
import { Badge, Tooltip } from '@mantine/core';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

export interface ConnectionBadgeProps {
  state: ConnectionState;
  /** People on the canvas, you included. */
  people: number;
  /** Local changes the relay has not acknowledged yet. */
  pending: number;
  readOnly: boolean;
  /** A problem that stops syncing (shown instead of the state). */
  problem?: string;
  /** Has the canvas synced with the relay at least once since it was opened? */
  synced?: boolean;
}

export function ConnectionBadge({
  state,
  people,
  pending,
  readOnly,
  problem,
  synced = true,
}: ConnectionBadgeProps) {
  const { label, color, hint } = describe({ state, people, pending, readOnly, problem, synced });
  return (
    <Tooltip label={hint} multiline w={260}>
      <Badge
        role="status"
        aria-label={`Collaboration: ${label}`}
        color={color}
        variant="light"
        size="lg"
        tt="none"
        // Never cut short in a crowded toolbar: the count of waiting changes is the point.
        style={{ flexShrink: 0, maxWidth: 'none' }}
        styles={{ label: { overflow: 'visible' } }}
        leftSection={<Dot color={color} pulse={state === 'connecting' && !problem} />}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

function describe(p: Required<Omit<ConnectionBadgeProps, 'problem'>> & { problem?: string }): {
  label: string;
  color: string;
  hint: string;
} {
  if (p.problem) return { label: 'Not syncing', color: 'red', hint: p.problem };
  const waiting = `${p.pending} change${p.pending === 1 ? '' : 's'} waiting`;
  if (p.state === 'offline')
    return {
      label: p.pending > 0 ? `Offline · ${waiting}` : 'Offline',
      color: 'gray',
      hint: 'Edits are kept on this computer and sent when the relay is back.',
    };
  if (p.state === 'connecting' || !p.synced)
    return {
      label: p.synced ? 'Reconnecting…' : 'Connecting…',
      color: 'yellow',
      hint: p.pending > 0 ? `${waiting}; they are sent once connected.` : 'Connecting to the relay.',
    };
  const people = p.people === 1 ? 'only you' : `${p.people} people`;
  if (p.readOnly)
    return {
      label: `Read only · ${people}`,
      color: 'blue',
      hint: 'You can look but not change this canvas.',
    };
  return {
    label: `Live · ${people}`,
    color: 'teal',
    hint: p.pending > 0 ? `Sending ${waiting}.` : 'Every change is saved on the relay.',
  };
}

function Dot({ color, pulse }: { color: string; pulse: boolean }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 8,
        height: 8,
        borderRadius: 4,
        background: `var(--mantine-color-${color}-6)`,
        opacity: pulse ? 0.6 : 1,
      }}
    />
  );
}
