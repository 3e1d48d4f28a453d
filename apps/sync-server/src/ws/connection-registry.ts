import type { Connection } from '@hocuspocus/server';
import type { Principal } from '../http/principal.ts';
import type { CloseCode } from './close-codes.ts';

export interface LiveConnection {
  docId: string;
  principal: Principal;
  readOnly: boolean;
  /** The role the connection was opened with (a change of how it may write closes it). */
  role: string;
  /** Closes the socket this document connection rides on, with a documented code. */
  close(code: CloseCode): void;
}

/**
 * Who is connected to which document, so that a change of access (member removed, role lowered,
 * session or key revoked, document deleted) can close exactly the connections it affects.
 */
export class ConnectionRegistry {
  private readonly byDoc = new Map<string, Set<LiveConnection>>();

  add(live: LiveConnection): () => void {
    let set = this.byDoc.get(live.docId);
    if (!set) this.byDoc.set(live.docId, (set = new Set()));
    set.add(live);
    return () => {
      set.delete(live);
      if (set.size === 0 && this.byDoc.get(live.docId) === set) this.byDoc.delete(live.docId);
    };
  }

  onDoc(docId: string): LiveConnection[] {
    return [...(this.byDoc.get(docId) ?? [])];
  }

  all(): LiveConnection[] {
    return [...this.byDoc.values()].flatMap((set) => [...set]);
  }

  get size(): number {
    let n = 0;
    for (const set of this.byDoc.values()) n += set.size;
    return n;
  }
}

/** Wraps a Hocuspocus connection: closing it closes its WebSocket with the code. */
export function liveConnection(
  connection: Connection,
  docId: string,
  principal: Principal,
  role: string,
): LiveConnection {
  return {
    docId,
    principal,
    role,
    readOnly: connection.readOnly,
    close(code) {
      connection.close({ code: code.code, reason: code.reason });
      connection.webSocket.close(code.code, code.reason);
    },
  };
}
