import * as Y from 'yjs';
import { bytes, int, type Db } from '../db/db.ts';

/** What a document's store holds: the compacted snapshot and the updates appended since. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  bytes: number;
}

interface Pending {
  docId: string;
  data: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const INSERT_BATCH = 200;
/** Updates applied per transaction when replaying a log. */
const APPLY_BATCH = 256;
/** Up to this many parts, `Y.mergeUpdates` is the cheaper fold. */
const MERGE_DIRECTLY = 32;
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * The durable per-document update log. `append` resolves once the update is committed; appends that
 * arrive in the same turn of the event loop share one transaction (group commit), so many writers
 * cost one commit, not one each. `compact` folds the log into the snapshot.
 */
export class DocLog {
  private queue: Pending[] = [];
  private scheduled = false;
  private inflight: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly observeCommit: (seconds: number, updates: number) => void = () => undefined,
  ) {}

  append(docId: string, data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docId, data, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.inflight = this.flush();
        });
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const started = performance.now();
    try {
      await this.db.transaction(async (tx) => {
        for (let i = 0; i < batch.length; i += INSERT_BATCH) {
          const slice = batch.slice(i, i + INSERT_BATCH);
          const rows = slice.map(() => '(?, ?)').join(', ');
          await tx.run(
            `INSERT INTO doc_updates (doc_id, data) VALUES ${rows}`,
            slice.flatMap((p) => [p.docId, p.data]),
          );
        }
      });
      this.observeCommit((performance.now() - started) / 1000, batch.length);
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  async load(docId: string): Promise<StoredDoc> {
    const snap = await this.db.get('SELECT state FROM doc_snapshots WHERE doc_id = ?', [docId]);
    const rows = await this.db.all('SELECT data FROM doc_updates WHERE doc_id = ? ORDER BY id', [docId]);
    const snapshot = snap ? bytes(snap.state) : null;
    const updates = rows.map((r) => bytes(r.data));
    const total = (snapshot?.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
    return { snapshot, updates, bytes: total };
  }

  /** Number of log rows and their bytes for a document (for metrics and tests). */
  async tail(docId: string): Promise<{ updates: number; bytes: number }> {
    const row = await this.db.get(
      'SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS b FROM doc_updates WHERE doc_id = ?',
      [docId],
    );
    return { updates: int(row?.n), bytes: int(row?.b) };
  }

  /**
   * Folds the log into the snapshot. The new snapshot is the union of the stored snapshot, `state`
   * (the live document) and every log row read inside the transaction; only those rows are deleted.
   * So an update appended but not yet applied, here or on another relay, is never lost: it is either
   * in the rows folded in or still in the log. Returns the snapshot's size.
   */
  async compact(docId: string, state: Uint8Array): Promise<number> {
    const d = this.db.dialect;
    return this.db.transaction(async (tx) => {
      // A document deleted through the API is never written back, even by a store that was pending
      // when it was deleted (here, on the last disconnect, or on another relay).
      if (await tx.get('SELECT 1 AS gone FROM docs WHERE id = ? AND deleted_at IS NOT NULL', [docId])) {
        await tx.run('DELETE FROM doc_updates WHERE doc_id = ?', [docId]);
        await tx.run('DELETE FROM doc_snapshots WHERE doc_id = ?', [docId]);
        return 0;
      }
      await tx.run(
        'INSERT INTO doc_snapshots (doc_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (doc_id) DO NOTHING',
        [docId, EMPTY_UPDATE, Date.now()],
      );
      const snap = await tx.get(`SELECT state FROM doc_snapshots WHERE doc_id = ?${d.forUpdate}`, [docId]);
      const rows = await tx.all('SELECT id, data FROM doc_updates WHERE doc_id = ? ORDER BY id', [docId]);
      // Oldest first and the live state last: replaying the log onto a document that already holds it
      // all costs several times more than replaying it in order.
      const parts = [...(snap ? [bytes(snap.state)] : []), ...rows.map((r) => bytes(r.data)), state];
      const merged = foldUpdates(parts);
      await tx.run('UPDATE doc_snapshots SET state = ?, updated_at = ? WHERE doc_id = ?', [
        merged,
        Date.now(),
        docId,
      ]);
      const last = rows.at(-1);
      if (last) await tx.run('DELETE FROM doc_updates WHERE doc_id = ? AND id <= ?', [docId, int(last.id)]);
      return merged.byteLength;
    });
  }

  async delete(docId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM doc_updates WHERE doc_id = ?', [docId]);
      await tx.run('DELETE FROM doc_snapshots WHERE doc_id = ?', [docId]);
    });
  }

  /** Waits for appends already queued (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
    await this.inflight;
  }
}

/**
 * Folds updates into one. A few are merged directly; many are applied to a scratch document in
 * batches and re-encoded, because `Y.mergeUpdates` grows much faster than linearly with the number
 * of parts (10k small updates take seconds) while applying them in one transaction stays linear.
 * A part that does not decode (written by a buggy client long ago) is left out.
 */
export function foldUpdates(parts: Uint8Array[]): Uint8Array {
  if (parts.length <= MERGE_DIRECTLY) {
    try {
      return Y.mergeUpdates(parts);
    } catch {
      // fall through: apply one by one, skipping the bad part
    }
  }
  const scratch = new Y.Doc();
  try {
    applyParts(scratch, parts, null);
    return Y.encodeStateAsUpdate(scratch);
  } finally {
    scratch.destroy();
  }
}

/**
 * Applies updates a few hundred per transaction; returns how many did not apply. One transaction per
 * update costs its cleanup each time, and one for all of them grows superlinearly (1e5 small edits:
 * ~4 s, against ~0.5 s in batches of 256).
 */
function applyParts(doc: Y.Doc, parts: Uint8Array[], origin: unknown): number {
  let bad = 0;
  for (let start = 0; start < parts.length; start += APPLY_BATCH) {
    doc.transact(() => {
      for (const part of parts.slice(start, start + APPLY_BATCH)) {
        try {
          Y.applyUpdate(doc, part, origin);
        } catch {
          bad++;
        }
      }
    }, origin);
  }
  return bad;
}

/**
 * Applies a stored document to `doc`: the snapshot, then the log tail, in batches. Returns how
 * many stored updates could not be applied (they are skipped, so one bad row never makes a document
 * unloadable).
 */
export function applyStored(doc: Y.Doc, stored: StoredDoc, origin: unknown): number {
  return applyParts(doc, [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates], origin);
}
