import type { Extension } from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import { CloseCodes, CloseError } from '../ws/close-codes.ts';
import { applyStored, type DocLog } from './doc-log.ts';
import { SERVER_EDIT_CONTEXT } from './live-docs.ts';

/** The origin stored content is applied with, so loading never re-logs it. */
export const STORE_ORIGIN = { source: 'local', skipStoreHooks: true } as const;

function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2 && update.every((b) => b === 0);
}

/**
 * Makes Hocuspocus durable: every update a client sends is appended to the log **before** Hocuspocus
 * applies it, broadcasts it and acknowledges it (the `beforeSync` hook is awaited first). Debounced
 * stores compact the log; a cold load is snapshot + log tail. Updates that did not come from a client
 * (server-side edits) are appended as they happen; updates relayed from other instances through Redis
 * were logged by the instance that accepted them.
 */
export function durableLogExtension(log: DocLog, maxDocBytes: number, logger: Logger): Extension {
  const docBytes = new Map<string, number>();
  return {
    extensionName: 'facet-durable-log',
    async onLoadDocument({ documentName, document }) {
      const stored = await log.load(documentName);
      const bad = applyStored(document, stored, STORE_ORIGIN);
      if (bad > 0) logger.warn({ doc: documentName, bad }, 'skipped stored updates that do not apply');
      docBytes.set(documentName, stored.bytes);
    },
    async beforeSync({ type, payload, connection, documentName }) {
      if (type === messageYjsSyncStep1 || connection.readOnly || isEmptyUpdate(payload)) return;
      // The update decodes: the frame check (ws/frame-check.ts) refused the frame otherwise.
      const size = (docBytes.get(documentName) ?? 0) + payload.byteLength;
      if (size > maxDocBytes) {
        // Throwing keeps Hocuspocus from applying the update but closes only the document connection
        // (with a Close message); close the socket too, so the client sees the documented code.
        connection.webSocket.close(CloseCodes.docTooLarge.code, CloseCodes.docTooLarge.reason);
        throw new CloseError(CloseCodes.docTooLarge);
      }
      await log.append(documentName, payload);
      docBytes.set(documentName, size);
    },
    async onChange({ transactionOrigin, update, documentName }) {
      if (isTransactionOrigin(transactionOrigin)) {
        if (transactionOrigin.source === 'connection' || transactionOrigin.source === 'redis') return;
        if (transactionOrigin.source === 'local' && transactionOrigin.skipStoreHooks) return;
        // LiveDocs.edit appends its own change and waits for it before answering.
        if (transactionOrigin.source === 'local' && transactionOrigin.context === SERVER_EDIT_CONTEXT) return;
      }
      await log.append(documentName, update);
      docBytes.set(documentName, (docBytes.get(documentName) ?? 0) + update.byteLength);
    },
    async onStoreDocument({ document, documentName }) {
      const bytes = await log.compact(documentName, Y.encodeStateAsUpdate(document));
      docBytes.set(documentName, bytes);
    },
    afterUnloadDocument({ documentName }) {
      docBytes.delete(documentName);
      return Promise.resolve();
    },
  };
}
