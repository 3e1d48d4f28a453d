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

/** How long after loading a document with a long log tail its compaction starts. */
const AFTER_LOAD_DELAY_MS = 2000;

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
export function durableLogExtension(
  log: DocLog,
  maxDocBytes: number,
  logger: Logger,
  /** Compact once this many updates were logged since the last compaction, whatever the debounce. */
  compactEvery = 2000,
): Extension {
  const docBytes = new Map<string, number>();
  const sinceCompaction = new Map<string, number>();
  const compacting = new Set<string>();
  // The log is already durable, so compaction only bounds the tail a cold load must replay: run it
  // when the tail grows long, in the background, one at a time per document.
  const compactSoon = (documentName: string, document: Y.Doc) => {
    if (compacting.has(documentName)) return;
    compacting.add(documentName);
    sinceCompaction.set(documentName, 0);
    log
      .compact(documentName, Y.encodeStateAsUpdate(document))
      .then((bytes) => docBytes.set(documentName, bytes))
      .catch((error: unknown) =>
        logger.warn({ err: error, doc: documentName }, 'compaction failed; the log keeps everything'),
      )
      .finally(() => compacting.delete(documentName));
  };
  const counted = (documentName: string, document: Y.Doc) => {
    const n = (sinceCompaction.get(documentName) ?? 0) + 1;
    sinceCompaction.set(documentName, n);
    if (n >= compactEvery) compactSoon(documentName, document);
  };
  return {
    extensionName: 'facet-durable-log',
    async onLoadDocument({ documentName, document }) {
      const stored = await log.load(documentName);
      const bad = applyStored(document, stored, STORE_ORIGIN);
      if (bad > 0) logger.warn({ doc: documentName, bad }, 'skipped stored updates that do not apply');
      docBytes.set(documentName, stored.bytes);
      sinceCompaction.set(documentName, stored.updates.length);
    },
    afterLoadDocument({ documentName, document, instance }) {
      // A long tail: compact it, but after the clients waiting for this load have been answered.
      if ((sinceCompaction.get(documentName) ?? 0) >= compactEvery) {
        setTimeout(() => {
          if (instance.documents.get(documentName) === document) compactSoon(documentName, document);
        }, AFTER_LOAD_DELAY_MS).unref();
      }
      return Promise.resolve();
    },
    async beforeSync({ type, payload, connection, documentName, document }) {
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
      counted(documentName, document);
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
      sinceCompaction.set(documentName, 0);
      const bytes = await log.compact(documentName, Y.encodeStateAsUpdate(document));
      docBytes.set(documentName, bytes);
    },
    afterUnloadDocument({ documentName }) {
      docBytes.delete(documentName);
      sinceCompaction.delete(documentName);
      return Promise.resolve();
    },
  };
}
