import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { DocLog } from './doc-log.ts';

/** Marks a server-side change that {@link LiveDocs.edit} logs itself, so the durable extension skips it. */
export const SERVER_EDIT_CONTEXT = { facetLogged: true } as const;

/**
 * Server-side access to documents for REST routes (restore a version, merge a branch, read a doc):
 * through a Hocuspocus direct connection, so connected clients receive the change at once, and with
 * the change appended to the durable log before `edit` resolves.
 */
export class LiveDocs {
  constructor(
    private readonly hocuspocus: Hocuspocus,
    private readonly log: DocLog,
  ) {}

  /** The document's current state as one Yjs update (loading it if no one has it open). */
  async read(docId: string): Promise<Uint8Array> {
    const connection = await this.hocuspocus.openDirectConnection(docId, { server: true });
    try {
      return Y.encodeStateAsUpdate(connection.document!);
    } finally {
      await connection.disconnect();
    }
  }

  /**
   * Changes the live document in one transaction. Resolves once the change is in the log; returns the
   * update it made (empty when `change` changed nothing).
   */
  async edit(docId: string, change: (doc: Y.Doc) => void): Promise<Uint8Array> {
    const connection = await this.hocuspocus.openDirectConnection(docId, { server: true });
    try {
      const doc = connection.document!;
      let update: Uint8Array | null = null;
      const capture = (u: Uint8Array) => {
        update = update ? Y.mergeUpdates([update, u]) : u;
      };
      doc.on('update', capture);
      try {
        doc.transact(() => change(doc), { source: 'local', context: SERVER_EDIT_CONTEXT });
      } finally {
        doc.off('update', capture);
      }
      if (update) await this.log.append(docId, update);
      return update ?? new Uint8Array([0, 0]);
    } finally {
      await connection.disconnect();
    }
  }
}
