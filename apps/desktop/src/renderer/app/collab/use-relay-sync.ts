/**
 * Live collaboration for a linked canvas: attaches a HocuspocusProvider to the renderer's replica
 * of the canvas (the Y.Doc that doc-sync.ts keeps in step with the host).
 *
 *   relay ⇄ provider ⇄ replica Y.Doc ⇄ host (local log)
 *
 * Updates from the relay land in the replica and go on to the host's local log like any edit; local
 * edits reach the relay through the provider. Edits made offline are in the local log and the
 * replica, and the provider's sync handshake (state vectors) sends them on reconnect, even after a
 * restart. Same code on every platform: only the host behind the replica differs.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CanvasDoc, canEdit, type RelayClient, RelayError, type RelayUser } from '@facet/engine/common';
import { type ConnectionState, type Peer, type PublishPresence, userColor } from '@facet/ui';
import type { CanvasLink } from './relay-settings.ts';
import { closeProblem, peersOf } from './sync-problems.ts';

export interface RelaySync {
  /** Whether this canvas is linked and a provider is (or should be) attached. */
  active: boolean;
  state: ConnectionState;
  /** Synced with the relay at least once since the canvas was opened. */
  synced: boolean;
  /** Local changes the relay has not acknowledged. */
  pending: number;
  readOnly: boolean;
  /** Other clients on the canvas. */
  peers: Peer[];
  /** Why syncing stopped (access removed, document deleted, signed out), in words. */
  problem?: string;
  publish: PublishPresence;
  following?: string;
  follow: (userId: string | undefined) => void;
}

export interface RelaySyncInput {
  canvas: CanvasDoc;
  link: CanvasLink | undefined;
  client: RelayClient | undefined;
  user: RelayUser | undefined;
  /** Saves a changed link (the role changed while connected). */
  onLinkChange: (link: CanvasLink) => void;
}

export function useRelaySync({ canvas, link, client, user, onLinkChange }: RelaySyncInput): RelaySync {
  const [status, setStatus] = useState<ConnectionState>('connecting');
  const [synced, setSynced] = useState(false);
  const [pending, setPending] = useState(0);
  const [scope, setScope] = useState<'read-write' | 'readonly' | undefined>();
  const [peers, setPeers] = useState<Peer[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [following, follow] = useState<string | undefined>();
  /** Bumped to build a new provider (after a refresh or a role change). */
  const [attempt, setAttempt] = useState(0);
  const provider = useRef<HocuspocusProvider | undefined>(undefined);
  const changed = useRef(onLinkChange);
  changed.current = onLinkChange;
  const docId = link?.docId;
  const linkUrl = link?.url;
  const role = link?.role;
  // By value: the user object is new after every token refresh, and that must not reconnect.
  const userId = user?.id;
  const userName = user?.name;
  const active = docId !== undefined && client !== undefined && client.url === linkUrl;

  useEffect(() => {
    setProblem(undefined);
    if (!docId || !client || !role) return;
    if (client.url !== linkUrl)
      return setProblem(`This canvas is shared on ${linkUrl}: sign in there to sync it.`);
    if (!userId || !userName)
      return setProblem('Sign in to the relay (Share → Collaborate) to sync this shared canvas.');
    // Retries every 0.5 s at first, backing off to 5 s (delay must not be below minDelay, or the
    // retry helper gives up at once).
    const socket = new HocuspocusProviderWebsocket({
      url: client.wsUrl,
      delay: 500,
      minDelay: 500,
      maxDelay: 5000,
    });
    const p = new HocuspocusProvider({
      websocketProvider: socket,
      name: docId,
      document: canvas.doc,
      token: () => client.accessToken(),
    });
    provider.current = p;
    let everConnected = false;
    let stopped = false;
    const stop = (message: string): void => {
      if (stopped) return;
      stopped = true;
      setProblem(message);
      setStatus('offline');
      p.destroy();
      socket.destroy();
    };
    /** Asks the relay what access is left after it closed us; reconnects with the new role if any. */
    const recheck = (fallback: string): void => {
      stop(fallback);
      client.getDoc(docId).then(
        (doc) => {
          if (doc.role !== role) changed.current({ docId, role: doc.role, url: client.url });
          else setAttempt((n) => n + 1);
        },
        (error: unknown) => {
          if (error instanceof RelayError && error.signInAgain)
            setProblem('Your relay session ended. Sign in again (Share → Collaborate).');
          else if (error instanceof RelayError && error.status !== 0)
            setProblem('Your access to this shared canvas was removed. Your copy here is kept.');
        },
      );
    };
    const onStatus = ({ status: s }: { status: string }): void => {
      if (s === 'connected') everConnected = true;
      // Between attempts the socket flips between connecting and disconnected: once a connection
      // has failed, show "offline" until one succeeds, not a flicker.
      setStatus(
        s === 'connected' ? 'connected' : s === 'connecting' && !everConnected ? 'connecting' : 'offline',
      );
    };
    // On the socket itself: it starts connecting when made, before the provider forwards anything.
    socket.on('status', onStatus);
    p.on('synced', ({ state }: { state: boolean }) => state && setSynced(true));
    p.on('unsyncedChanges', ({ number }: { number: number }) => setPending(number));
    p.on('authenticated', ({ scope: s }: { scope: 'read-write' | 'readonly' }) => {
      setScope(s);
      setProblem(undefined);
    });
    p.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reason !== 'unauthorized') return recheck('You do not have access to this shared canvas.');
      stop('Your relay session ended. Sign in again (Share → Collaborate).');
      // An expired token is renewed; a revoked session is not, and the message stays.
      client.refresh().then(
        () => setAttempt((n) => n + 1),
        () => undefined,
      );
    });
    p.on('close', ({ event }: { event: { code: number } }) => {
      const message = closeProblem(event.code);
      if (!message) return;
      if (event.code === 4410) recheck(message);
      else stop(message);
    });
    const awareness = p.awareness;
    const changedPeers = (): void =>
      setPeers(awareness ? peersOf(awareness.getStates(), awareness.clientID) : []);
    awareness?.setLocalState({
      user: { id: userId, name: userName, color: userColor(userId) },
      cursor: null,
      selection: [],
    });
    awareness?.on('change', changedPeers);
    p.attach();
    onStatus({ status: socket.status });
    return () => {
      awareness?.off('change', changedPeers);
      provider.current = undefined;
      setPeers([]);
      setSynced(false);
      setPending(0);
      setScope(undefined);
      setStatus('connecting');
      if (!stopped) {
        p.destroy();
        socket.destroy();
      }
    };
  }, [canvas, docId, linkUrl, role, client, userId, userName, attempt]);

  const publish = useCallback<PublishPresence>((patch) => {
    const awareness = provider.current?.awareness;
    if (awareness) awareness.setLocalState({ ...awareness.getLocalState(), ...patch });
  }, []);

  return {
    active,
    state: status,
    synced,
    pending,
    readOnly: scope === 'readonly' || (role !== undefined && !canEdit(role)),
    peers,
    problem,
    publish,
    following: peers.some((p) => p.user.id === following) ? following : undefined,
    follow,
  };
}
