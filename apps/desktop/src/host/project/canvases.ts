/**
 * The canvases of a project and their live documents. Every change to a live document, whatever
 * its origin (a command here, an update from the renderer, a merge), is appended to the update log
 * as it happens; updates from outside are checked and stored before they are applied.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { CanvasDoc, InvalidArgumentError } from '@facet/engine/common';
import type { CanvasSummary } from '../../shared/host-api.ts';
import type { Db } from '../store/database.ts';
import { checkUpdate, type DocLog } from '../store/doc-log.ts';
import type { SearchIndex } from '../store/search-index.ts';

/** A canvas as the contract describes it (a branch has `branchOf` and `forkVersion`). */
export type CanvasInfo = CanvasSummary;

interface CanvasRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  branch_of: string | null;
  fork_version: string | null;
  merged_at: number | null;
}

/** Marks updates already in the log, so applying them does not store them twice. */
class StoredOrigin {
  constructor(readonly origin: unknown) {}
}
const LOADED = new StoredOrigin('load');

export type UpdateListener = (canvasId: string, update: Uint8Array, origin: unknown) => void;

export class Canvases {
  private readonly live = new Map<string, CanvasDoc>();
  private readonly listeners = new Set<UpdateListener>();
  private readonly dropped = new WeakSet<Y.Doc>();
  private readonly storeUpdate: (id: string, update: Uint8Array) => number;

  constructor(
    private readonly db: Db,
    private readonly log: DocLog,
    private readonly search: SearchIndex,
    private readonly afterAppend: (canvasId: string, seq: number) => void = () => undefined,
  ) {
    const touch = db.prepare('UPDATE canvases SET updated_at = ? WHERE id = ?');
    this.storeUpdate = db.transaction((id: string, update: Uint8Array): number => {
      const seq = this.log.append(id, update);
      touch.run(Date.now(), id);
      this.search.markStale(id);
      return seq;
    });
  }

  create(
    name: string,
    options: { branchOf?: string; forkVersion?: string; state?: Uint8Array } = {},
  ): CanvasInfo {
    const id = randomBytes(8).toString('hex');
    const now = Date.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO canvases VALUES (?, ?, ?, ?, ?, ?, NULL)')
        .run(id, checkName(name), now, now, options.branchOf ?? null, options.forkVersion ?? null);
      // A new canvas starts with its schema stamp (or the state it was forked from).
      this.log.append(id, options.state ?? new CanvasDoc().encodeState());
    })();
    this.search.markStale(id);
    return this.info(id);
  }

  list(options: { branches?: boolean } = {}): CanvasInfo[] {
    return this.db
      .prepare<[number], CanvasRow>(
        'SELECT * FROM canvases WHERE (? = 1 OR branch_of IS NULL) ORDER BY created_at, rowid',
      )
      .all(options.branches ? 1 : 0)
      .map(toInfo);
  }

  branches(canvasId: string): CanvasInfo[] {
    return this.db
      .prepare<[string], CanvasRow>('SELECT * FROM canvases WHERE branch_of = ? ORDER BY created_at, rowid')
      .all(canvasId)
      .map(toInfo);
  }

  info(id: string): CanvasInfo {
    const row = this.db.prepare<[string], CanvasRow>('SELECT * FROM canvases WHERE id = ?').get(id);
    if (!row) throw new InvalidArgumentError(`There is no canvas "${id}".`);
    return toInfo(row);
  }

  rename(id: string, name: string): void {
    this.info(id);
    this.db
      .prepare('UPDATE canvases SET name = ?, updated_at = ? WHERE id = ?')
      .run(checkName(name), Date.now(), id);
    this.search.markStale(id);
  }

  markMerged(id: string): void {
    this.db.prepare('UPDATE canvases SET merged_at = ? WHERE id = ?').run(Date.now(), id);
  }

  delete(id: string): void {
    this.info(id);
    if (this.branches(id).some((b) => b.mergedAt === undefined)) {
      throw new InvalidArgumentError('This canvas has open branches; merge or delete them first.');
    }
    this.forget(id);
    this.db.transaction(() => {
      this.db.prepare('UPDATE canvases SET branch_of = NULL WHERE branch_of = ?').run(id);
      this.db.prepare('DELETE FROM canvases WHERE id = ?').run(id);
      this.db.prepare('DELETE FROM versions WHERE canvas_id = ?').run(id);
      this.log.drop(id);
      this.search.removeCanvas(id);
    })();
  }

  /** The live document of a canvas, loaded on first use. Changes to it are stored as they happen. */
  doc(id: string): CanvasDoc {
    const open = this.live.get(id);
    if (open) return open;
    this.info(id);
    const { doc } = this.log.loadDoc(id, LOADED);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      // A copy dropped after a failed store is no longer the canvas; its changes go nowhere.
      if (this.dropped.has(doc)) return;
      if (!(origin instanceof StoredOrigin)) {
        try {
          this.stored(id, doc, update);
        } catch (error) {
          // Not on disk: drop this copy so the next use reloads what is stored, and tell the caller.
          this.forget(id);
          throw error;
        }
      }
      const source = origin instanceof StoredOrigin ? origin.origin : origin;
      for (const listener of this.listeners) {
        try {
          listener(id, update, source);
        } catch (error) {
          console.error('[facet host] update listener failed', error);
        }
      }
    });
    const canvas = new CanvasDoc(doc);
    this.live.set(id, canvas);
    return canvas;
  }

  /** Applies an update from outside (the renderer, a relay): stored first, then applied. */
  applyUpdate(id: string, update: Uint8Array, origin: unknown = 'remote'): void {
    checkUpdate(update);
    const canvas = this.doc(id);
    const seq = this.storeUpdate(id, update);
    Y.applyUpdate(canvas.doc, update, new StoredOrigin(origin));
    this.afterStored(id, canvas.doc, seq);
  }

  /** The document state a peer is missing, given its state vector (everything when none). */
  encodeState(id: string, stateVector?: Uint8Array): Uint8Array {
    const doc = this.doc(id).doc;
    if (!stateVector) return Y.encodeStateAsUpdate(doc);
    try {
      return Y.encodeStateAsUpdate(doc, stateVector);
    } catch {
      throw new InvalidArgumentError('That state vector is malformed.');
    }
  }

  onUpdate(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-indexes canvases whose content changed since the last search. */
  refreshSearch(): void {
    for (const id of this.search.staleCanvases()) {
      const row = this.db.prepare<[string], CanvasRow>('SELECT * FROM canvases WHERE id = ?').get(id);
      if (row) this.search.indexCanvas(id, row.name, this.doc(id));
      else this.search.removeCanvas(id);
    }
  }

  closeAll(): void {
    for (const canvas of this.live.values()) canvas.destroy();
    this.live.clear();
  }

  /** Stores a change the live doc has already applied, in one transaction with its bookkeeping. */
  private stored(id: string, doc: Y.Doc, update: Uint8Array): void {
    this.afterStored(id, doc, this.storeUpdate(id, update));
  }

  /**
   * Once an update is both stored and applied: compact from the live doc when due, then the
   * checkpoint hook. Neither may fail the edit, which is already safe on disk; they retry later.
   */
  private afterStored(id: string, doc: Y.Doc, seq: number): void {
    try {
      if (this.log.needsCompaction(id)) this.log.compact(id, Y.encodeStateAsUpdate(doc));
      this.afterAppend(id, seq);
    } catch (error) {
      console.error('[facet host] compaction or checkpoint failed; will retry', error);
    }
  }

  private forget(id: string): void {
    const canvas = this.live.get(id);
    if (canvas) this.dropped.add(canvas.doc);
    canvas?.destroy();
    this.live.delete(id);
  }
}

function checkName(name: string): string {
  const trimmed = String(name ?? '').trim();
  if (!trimmed) throw new InvalidArgumentError('A canvas needs a name.');
  if (trimmed.length > 200) throw new InvalidArgumentError('A canvas name can be at most 200 characters.');
  return trimmed;
}

function toInfo(row: CanvasRow): CanvasInfo {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.branch_of !== null ? { branchOf: row.branch_of } : {}),
    ...(row.fork_version !== null ? { forkVersion: row.fork_version } : {}),
    ...(row.merged_at !== null ? { mergedAt: row.merged_at } : {}),
  };
}
