/**
 * The project's relay account for the app: the relay URL, the signed-in user, the REST client and
 * this canvas's link, read from and saved to the project settings (relay-settings.ts).
 *
 * One RelayClient per host connection and relay, shared by every part of the app and kept across
 * canvas switches: two clients holding the same refresh token would each rotate it, and the relay
 * takes the second rotation for a stolen token and ends the session.
 */
import { useCallback, useEffect, useState } from 'react';
import { normalizeRelayUrl, RelayClient, type RelayUser } from '@facet/engine/common';
import type { HostApi } from '../../../shared/host-api.ts';
import {
  type CanvasLink,
  readRelaySettings,
  readSession,
  RELAY_URL_KEY,
  saveLink,
  saveSession,
  type SavedSession,
} from './relay-settings.ts';

export interface RelayAccount {
  /** False until the settings have been read. */
  loaded: boolean;
  /** The relay in use (the share dialog's default). */
  url: string | undefined;
  client: RelayClient | undefined;
  user: RelayUser | undefined;
  /** This canvas's link to a relay document, if it is shared. */
  link: CanvasLink | undefined;
  /** The client for a relay (validated: throws RelayError `bad_url`), remembered as the default. */
  connect: (url: string) => RelayClient;
  setLink: (link: CanvasLink | undefined) => Promise<void>;
  signOut: () => Promise<void>;
}

interface Shared {
  client: RelayClient;
  /** Hooks to tell when the user changes (signed in, out, or the session was lost). */
  listeners: Set<(user: RelayUser | undefined) => void>;
}

const shared = new WeakMap<HostApi, Shared>();

/** The shared client for `url` (made, with the saved session when it is for that relay, if needed). */
function sharedClient(api: HostApi, address: string, saved: SavedSession | undefined): Shared {
  const url = normalizeRelayUrl(address);
  const current = shared.get(api);
  if (current && current.client.url === url) return current;
  const listeners = new Set<(user: RelayUser | undefined) => void>();
  const client = new RelayClient({
    url,
    session: saved && saved.url === url ? saved : undefined,
    onSession: (session) => {
      void saveSession(api, session && { ...session, url }).catch(() => undefined);
      for (const listener of listeners) listener(session?.user);
    },
    loadSession: async () => {
      const latest = await readSession(api);
      return latest?.url === url ? latest : undefined;
    },
  });
  const entry = { client, listeners };
  shared.set(api, entry);
  return entry;
}

export function useRelayAccount(api: HostApi, canvasId: string): RelayAccount {
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState<SavedSession | undefined>();
  const [entry, setEntry] = useState<Shared | undefined>();
  const [user, setUser] = useState<RelayUser | undefined>();
  const [link, setLinkState] = useState<CanvasLink | undefined>();

  useEffect(() => {
    let live = true;
    readRelaySettings(api, canvasId).then(
      (settings) => {
        if (!live) return;
        const wanted = settings.link?.url ?? settings.url ?? settings.session?.url;
        setSaved(settings.session);
        setLinkState(settings.link);
        try {
          setEntry(wanted ? sharedClient(api, wanted, settings.session) : undefined);
        } catch {
          // A malformed saved address: start signed out; the form asks for a good one.
          setEntry(undefined);
        }
        setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [api, canvasId]);

  useEffect(() => {
    setUser(entry?.client.user);
    if (!entry) return;
    entry.listeners.add(setUser);
    return () => void entry.listeners.delete(setUser);
  }, [entry]);

  const connect = useCallback(
    (url: string): RelayClient => {
      const previous = shared.get(api);
      const next = sharedClient(api, url, saved);
      if (next !== previous) void api.settings.set(RELAY_URL_KEY, next.client.url).catch(() => undefined);
      setEntry(next);
      return next.client;
    },
    [api, saved],
  );

  const setLink = useCallback(
    async (next: CanvasLink | undefined): Promise<void> => {
      await saveLink(api, canvasId, next);
      setLinkState(next);
    },
    [api, canvasId],
  );

  const signOut = useCallback(async (): Promise<void> => {
    await shared.get(api)?.client.signOut();
  }, [api]);

  return { loaded, url: entry?.client.url, client: entry?.client, user, link, connect, setLink, signOut };
}
