/**
 * The durable Yjs update log of a browser project, in IndexedDB (the desktop's doc-log.ts, in the
 * browser's terms):
 *
 *   append(u) ─► updates (seq, canvasId, bytes)          one put per update, committed before
 *                 │ past `updates` count or bytes          the update is applied or acknowledged
 *                 ▼
 *               snapshots (canvasId, state, uptoSeq)     the tail folded in; the folded updates
 *                                                         are deleted in the same transaction
 *   load = snapshot + tail, applied in order
 *
 * Several tabs may hold the same project. Compaction therefore never trusts a tab's live document:
 * it re-reads snapshot and tail inside its own transaction (IndexedDB runs overlapping readwrite
 * transactions one after another), so an update another tab stored is never folded away unseen.
 */
import * as Y from 'yjs';
import { InvalidArgumentError } from '@facet/engine/common';
import { req, transact } from './idb.ts';

export interface CompactionPolicy {
  /** Compact once the tail holds this many updates… */
  updates: number;
  /** …or this many bytes (or more bytes than the snapshot itself). */
  bytes: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { updates: 500, bytes: 2 * 1024 * 1024 };

/** Bigger updates are refused: a canvas holds layout and SQL, not data. */
export const MAX_UPDATE_BYTES = 64 * 1024 * 1024;

/** What is known about a canvas's tail, to decide on compaction without reading it. */
export interface TailStats {
  n: number;
  bytes: number;
  snapshotBytes: number;
}

interface UpdateRow {
  seq?: number;
  canvasId: string;
  data: Uint8Array;
}

interface SnapshotRow {
  canvasId: string;
  data: Uint8Array;
  uptoSeq: number;
}

/** Whether a tail has grown past the policy. */
export function needsCompaction(tail: TailStats, policy: CompactionPolicy = DEFAULT_COMPACTION): boolean {
  return tail.n >= policy.updates || tail.bytes >= Math.max(policy.bytes, tail.snapshotBytes);
}

/**
 * Folds a snapshot and the updates after it into one state. Updates Yjs cannot apply are skipped
 * (they were checked when stored, so this only guards against damaged storage).
 */
export function foldUpdates(parts: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) {
      try {
        Y.applyUpdate(doc, part);
      } catch {
        // skipped, see above
      }
    }
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Throws InvalidArgumentError unless `update` is a well-formed Yjs update of a sane size. */
export function checkUpdate(update: unknown): asserts update is Uint8Array {
  if (!(update instanceof Uint8Array) || update.length === 0)
    throw new InvalidArgumentError('A document update must be non-empty bytes.');
  if (update.length > MAX_UPDATE_BYTES)
    throw new InvalidArgumentError(`A document update can be at most ${MAX_UPDATE_BYTES / 1024 / 1024} MiB.`);
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new InvalidArgumentError('That document update is malformed and was not stored.');
  }
}

export class UpdateLog {
  private readonly tails = new Map<string, TailStats>();

  constructor(
    private readonly db: IDBDatabase,
    private readonly policy: CompactionPolicy = DEFAULT_COMPACTION,
  ) {}

  /**
   * Appends an update, in the same transaction as `also` (e.g. the canvas's updated time; if it
   * throws, nothing is stored), and resolves once it is committed. Compacts afterwards when the
   * tail has grown past the policy.
   */
  async append(
    canvasId: string,
    update: Uint8Array,
    also?: (tx: IDBTransaction) => Promise<void> | void,
    stores: string[] = [],
  ): Promise<void> {
    checkUpdate(update);
    await transact(this.db, ['updates', ...stores], 'readwrite', async (tx) => {
      tx.objectStore('updates').add({ canvasId, data: update } satisfies UpdateRow);
      await also?.(tx);
    });
    const tail = this.tails.get(canvasId);
    if (!tail) return;
    tail.n++;
    tail.bytes += update.byteLength;
    if (needsCompaction(tail, this.policy)) {
      // The edit is already safe; a failed compaction is retried on a later append.
      await this.compact(canvasId).catch((error: unknown) =>
        console.error('[facet] compaction failed; will retry', error),
      );
    }
  }

  /** The canvas's whole stored state as parts to apply in order (snapshot first, then the tail). */
  async load(canvasId: string): Promise<Uint8Array[]> {
    const { snapshot, tail } = await transact(this.db, ['snapshots', 'updates'], 'readonly', async (tx) => ({
      snapshot: await req(tx.objectStore('snapshots').get(canvasId) as IDBRequest<SnapshotRow | undefined>),
      tail: await req(tx.objectStore('updates').index('canvas').getAll(tailRange(canvasId))),
    }));
    const rows = tail as UpdateRow[];
    this.tails.set(canvasId, {
      n: rows.length,
      bytes: rows.reduce((sum, r) => sum + r.data.byteLength, 0),
      snapshotBytes: snapshot?.data.byteLength ?? 0,
    });
    return [...(snapshot ? [snapshot.data] : []), ...rows.map((r) => r.data)];
  }

  /** Folds the tail into the snapshot, re-reading both inside one transaction (see above). */
  async compact(canvasId: string): Promise<void> {
    const stats = await transact(this.db, ['snapshots', 'updates'], 'readwrite', async (tx) => {
      const snapshots = tx.objectStore('snapshots');
      const updates = tx.objectStore('updates');
      const snapshot = await req(snapshots.get(canvasId) as IDBRequest<SnapshotRow | undefined>);
      const rows = (await req(updates.index('canvas').getAll(tailRange(canvasId)))) as UpdateRow[];
      const last = rows.at(-1)?.seq;
      if (last === undefined) return { n: 0, bytes: 0, snapshotBytes: snapshot?.data.byteLength ?? 0 };
      const state = foldUpdates([...(snapshot ? [snapshot.data] : []), ...rows.map((r) => r.data)]);
      snapshots.put({ canvasId, data: state, uptoSeq: last } satisfies SnapshotRow);
      for (const row of rows) if (row.seq !== undefined) updates.delete(row.seq);
      return { n: 0, bytes: 0, snapshotBytes: state.byteLength };
    });
    this.tails.set(canvasId, stats);
  }

  /** Updates in the tail as this tab last knew it (for tests and diagnostics). */
  tailStats(canvasId: string): TailStats | undefined {
    return this.tails.get(canvasId);
  }

  /** Deletes a canvas's log and snapshot, inside the caller's transaction. */
  static drop(tx: IDBTransaction, canvasId: string): void {
    tx.objectStore('snapshots').delete(canvasId);
    const index = tx.objectStore('updates').index('canvas');
    const cursor = index.openKeyCursor(tailRange(canvasId));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      tx.objectStore('updates').delete(c.primaryKey);
      c.continue();
    };
  }

  /** Stores a new canvas's first state, inside the caller's transaction. */
  static seed(tx: IDBTransaction, canvasId: string, state: Uint8Array): void {
    tx.objectStore('updates').add({ canvasId, data: state } satisfies UpdateRow);
  }
}

/** Every update of one canvas, in seq order (the index is [canvasId, seq]). */
function tailRange(canvasId: string): IDBKeyRange {
  return IDBKeyRange.bound([canvasId, 0], [canvasId, Infinity]);
}
