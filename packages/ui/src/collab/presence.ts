/**
 * What each person on a shared canvas publishes (Yjs awareness) and how the UI draws them. Plain
 * data: the app converts awareness states into `Peer`s, so these components need no provider.
 */

/** One person's presence, as published in awareness (`state` of their client). */
export interface PresenceState {
  user: { id: string; name: string; color: string };
  /** The pointer in flow coordinates; null while it is off the canvas. */
  cursor: { x: number; y: number } | null;
  /** Ids of the blocks they have selected. */
  selection: string[];
  /** The block whose editor has their focus. */
  editing?: string;
  /** Their view of the canvas: pan, zoom and the size of their canvas on screen (px). */
  viewport?: { x: number; y: number; zoom: number; width?: number; height?: number };
}

/** Another client on the canvas (a person can have several: each tab is a client). */
export interface Peer extends PresenceState {
  clientId: number;
}

/** What the local client publishes: any part of its state. */
export type PublishPresence = (patch: Partial<Omit<PresenceState, 'user'>>) => void;

/** Colours that read on both themes and differ from each other at a glance. */
const PALETTE = [
  '#e8590c',
  '#1c7ed6',
  '#2f9e44',
  '#c2255c',
  '#7048e8',
  '#0c8599',
  '#e67700',
  '#5c940d',
  '#ae3ec9',
  '#d6336c',
];

/** A stable colour per user id (the same on every machine, so people agree on "the blue one"). */
export function userColor(userId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 16777619);
  return PALETTE[(hash >>> 0) % PALETTE.length] ?? '#1c7ed6';
}

/** Up to two initials of a name ("Ada Lovelace" → "AL"; "bob" → "B"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return (
    letters
      .map((w) => (w ? Array.from(w)[0]?.toUpperCase() : ''))
      .join('')
      .slice(0, 2) || '?'
  );
}

/**
 * One entry per person, sorted by name: a person with several tabs open shows once, with the
 * state of their first client and a block any of their clients is editing.
 */
export function peoplePresent(peers: readonly Peer[]): Peer[] {
  const byUser = new Map<string, Peer>();
  for (const peer of peers) {
    const seen = byUser.get(peer.user.id);
    byUser.set(peer.user.id, seen ? { ...seen, editing: seen.editing ?? peer.editing } : peer);
  }
  return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
}
