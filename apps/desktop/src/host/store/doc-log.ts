/**
 * The durable Yjs update log of every canvas in a project.
 *
 *   append(u1) append(u2) … ─► doc_updates (seq, canvas, bytes)        one INSERT per update
 *                               │ past `compactAfter` updates or bytes
 *                               ▼
 *                             doc_snapshots (canvas, state, upto_seq)  merged state; the tail it
 *                                                                      replaces is deleted in the
 *                                                                      same transaction
 *   load = snapshot + tail, applied in order in one Yjs transaction
 *
 * An update is checked (decoded) before it is stored, so the log never holds bytes that would
 * fail on the next load.
 */
import * as Y from 'yjs';
import { InvalidArgumentError } from '@facet/engine/common';
import type { Db } from './database.ts';

export interface CompactionPolicy {
  /** Compact once the tail holds this many updates… */
  updates: number;
  /** …or this many bytes. */
  bytes: number;
}

/** Bigger updates are refused: a canvas holds layout and SQL, not data. */
export const MAX_UPDATE_BYTES = 64 * 1024 * 1024;

export const DEFAULT_COMPACTION: CompactionPolicy = { updates: 1000, bytes: 4 * 1024 * 1024 };

export class DocLog {
  private readonly insert;
  private readonly tailStats;
  private readonly snapshot;
  private readonly tail;
  /** Each canvas's tail (updates, bytes) and snapshot size, kept here so an append needs no query. */
  private readonly tails = new Map<string, { n: number; bytes: number; snapshotBytes: number }>();

  constructor(
    private readonly db: Db,
    private readonly policy: CompactionPolicy = DEFAULT_COMPACTION,
    /**
     * Compact inside `append` when the tail passes the policy. A caller holding the live document
     * turns this off and calls `compact(id, state)` itself once the update is applied, which saves
     * replaying the log.
     */
    private readonly autoCompact = true,
  ) {
    this.insert = db.prepare<[string, Buffer, number]>(
      'INSERT INTO doc_updates (canvas_id, data, created_at) VALUES (?, ?, ?)',
    );
    this.tailStats = db.prepare<[string], { n: number; bytes: number | null }>(
      'SELECT count(*) AS n, sum(length(data)) AS bytes FROM doc_updates WHERE canvas_id = ?',
    );
    this.snapshot = db.prepare<[string], { data: Buffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshots WHERE canvas_id = ?',
    );
    this.tail = db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE canvas_id = ? ORDER BY seq',
    );
  }

  /**
   * Appends one update and returns its sequence number. When this returns, the update is committed
   * (or, inside a caller's transaction, is part of it). Compacts the canvas's log once the tail
   * has grown past the policy.
   */
  append(canvasId: string, update: Uint8Array): number {
    checkUpdate(update);
    const tail = this.tailOf(canvasId);
    const seq = Number(this.insert.run(canvasId, Buffer.from(update), Date.now()).lastInsertRowid);
    tail.n++;
    tail.bytes += update.byteLength;
    if (this.autoCompact && this.needsCompaction(canvasId)) this.compact(canvasId);
    return seq;
  }

  /** Whether the canvas's tail has grown past the compaction policy. */
  needsCompaction(canvasId: string): boolean {
    const tail = this.tailOf(canvasId);
    return tail.n >= this.policy.updates || tail.bytes >= Math.max(this.policy.bytes, tail.snapshotBytes);
  }

  /** The canvas as a Y.Doc: snapshot, then the tail applied in order; and the last seq in it. */
  loadDoc(canvasId: string, origin?: unknown): { doc: Y.Doc; seq: number } {
    const { snap, rows } = this.db.transaction(() => ({
      snap: this.snapshot.get(canvasId),
      rows: this.tail.all(canvasId),
    }))();
    const doc = new Y.Doc();
    // One transaction for the whole load: observers run once. Applying updates one by one is
    // much faster than Y.mergeUpdates for logs of many small edits (see bench:store).
    doc.transact(() => {
      for (const data of [...(snap ? [snap.data] : []), ...rows.map((r) => r.data)]) {
        try {
          Y.applyUpdate(doc, data, origin);
        } catch {
          // Skipped: Yjs cannot apply it. It stays in the log until the next compaction.
        }
      }
    }, origin);
    return { doc, seq: rows.at(-1)?.seq ?? snap?.upto_seq ?? 0 };
  }

  /** The canvas's whole state as one update, and the last seq in it. */
  load(canvasId: string): { state: Uint8Array; seq: number } {
    const { doc, seq } = this.loadDoc(canvasId);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return { state, seq };
  }

  /**
   * Folds the tail into the snapshot in one transaction. `state`, when given, must be the document
   * with every stored update applied (the caller's live doc); otherwise the log is replayed.
   */
  compact(canvasId: string, current?: Uint8Array): void {
    let snapshotBytes = 0;
    this.db.transaction(() => {
      const { state, seq } = current ? { state: current, seq: this.lastSeq(canvasId) } : this.load(canvasId);
      snapshotBytes = state.byteLength;
      this.db
        .prepare(
          `INSERT INTO doc_snapshots (canvas_id, data, upto_seq, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (canvas_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq,
             created_at = excluded.created_at`,
        )
        .run(canvasId, Buffer.from(state), seq, Date.now());
      this.db.prepare('DELETE FROM doc_updates WHERE canvas_id = ? AND seq <= ?').run(canvasId, seq);
    })();
    this.tails.set(canvasId, { n: 0, bytes: 0, snapshotBytes });
  }

  /** Updates in the tail (not yet compacted). */
  tailLength(canvasId: string): number {
    return this.tailStats.get(canvasId)?.n ?? 0;
  }

  /** The last sequence number stored for a canvas (0 when it has none). */
  lastSeq(canvasId: string): number {
    const row = this.db
      .prepare<[string, string], { seq: number | null }>(
        `SELECT max(seq) AS seq FROM (
           SELECT max(seq) AS seq FROM doc_updates WHERE canvas_id = ?
           UNION ALL SELECT upto_seq FROM doc_snapshots WHERE canvas_id = ?)`,
      )
      .get(canvasId, canvasId);
    return row?.seq ?? 0;
  }

  /** Removes a canvas's log and snapshot. */
  drop(canvasId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM doc_updates WHERE canvas_id = ?').run(canvasId);
      this.db.prepare('DELETE FROM doc_snapshots WHERE canvas_id = ?').run(canvasId);
    })();
    this.tails.delete(canvasId);
  }

  private tailOf(canvasId: string): { n: number; bytes: number; snapshotBytes: number } {
    let tail = this.tails.get(canvasId);
    if (!tail) {
      const stats = this.tailStats.get(canvasId);
      const snapshot = this.db
        .prepare<[string], { n: number }>('SELECT length(data) AS n FROM doc_snapshots WHERE canvas_id = ?')
        .get(canvasId);
      tail = { n: stats?.n ?? 0, bytes: stats?.bytes ?? 0, snapshotBytes: snapshot?.n ?? 0 };
      this.tails.set(canvasId, tail);
    }
    return tail;
  }
}

/** Throws InvalidArgumentError unless `update` is a well-formed Yjs update. */
export function checkUpdate(update: unknown): asserts update is Uint8Array {
  if (!(update instanceof Uint8Array) || update.length === 0) {
    throw new InvalidArgumentError('A document update must be non-empty bytes.');
  }
  if (update.length > MAX_UPDATE_BYTES) {
    throw new InvalidArgumentError(`A document update can be at most ${MAX_UPDATE_BYTES / 1024 / 1024} MiB.`);
  }
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new InvalidArgumentError('That document update is malformed and was not stored.');
  }
}
