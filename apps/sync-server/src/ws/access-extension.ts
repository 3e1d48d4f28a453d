import type { Extension } from '@hocuspocus/server';
import type { Principal } from '../http/principal.ts';
import type { RelayContext } from '../relay-context.ts';
import { CloseCodes } from './close-codes.ts';
import { liveConnection, type ConnectionRegistry } from './connection-registry.ts';

/** The role lookup the WebSocket layer needs from the documents API. */
export type RoleLookup = (docId: string, principal: Principal) => Promise<string | null>;

/**
 * How a role connects: owners and editors write; commenters write, but every update of theirs must
 * touch comments only (comments/comment-guard.ts, closing with 4406 otherwise); viewers read only.
 */
export function socketMode(role: string): 'write' | 'comment' | 'read' {
  if (role === 'owner' || role === 'editor') return 'write';
  return role === 'commenter' ? 'comment' : 'read';
}

export interface SocketContext {
  principal: Principal;
  role: string;
}

/**
 * Hocuspocus's onAuthenticate rejects by throwing; the reason reaches the provider's
 * onAuthenticationFailed. The message stays empty so Hocuspocus does not log every refusal.
 */
class Refused extends Error {
  constructor(readonly reason: string) {
    super('');
  }
}

/**
 * Authenticates each document connection (access token or API key, sent by the provider), applies the
 * caller's role (read-only for viewers, comments-only for commenters), and closes live connections whose access goes away.
 */
export function accessExtension(
  ctx: RelayContext,
  authenticate: (credential: string) => Promise<Principal | null>,
  roleFor: RoleLookup,
  registry: ConnectionRegistry,
): Extension {
  const recheck = async (docId: string, userId?: string) => {
    for (const live of registry.onDoc(docId)) {
      if (userId && live.principal.userId !== userId) continue;
      const role = await roleFor(docId, live.principal).catch(() => null);
      if (!role || socketMode(role) !== socketMode(live.role)) live.close(CloseCodes.revoked);
    }
  };
  ctx.events.on('access-changed', ({ docId, userId }) => void recheck(docId, userId));
  ctx.events.on('doc-deleted', ({ docId }) => {
    for (const live of registry.onDoc(docId)) live.close(CloseCodes.deleted);
  });
  ctx.events.on('credential-revoked', ({ userId, sessionId, keyId }) => {
    for (const live of registry.all()) {
      const p = live.principal;
      if (p.userId !== userId) continue;
      if (sessionId && p.sessionId !== sessionId) continue;
      if (keyId && p.keyId !== keyId) continue;
      live.close(CloseCodes.revoked);
    }
  });

  return {
    extensionName: 'facet-access',
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const principal = token ? await authenticate(token) : null;
      if (!principal) throw new Refused(CloseCodes.unauthorized.reason);
      const role = await roleFor(documentName, principal);
      if (!role) throw new Refused(CloseCodes.forbidden.reason);
      connectionConfig.readOnly = socketMode(role) === 'read';
      return { principal, role } satisfies SocketContext;
    },
    connected({ connection, documentName, context }) {
      const { principal, role } = context as SocketContext;
      const remove = registry.add(liveConnection(connection, documentName, principal, role));
      connection.onClose(() => remove());
      return Promise.resolve();
    },
  };
}
