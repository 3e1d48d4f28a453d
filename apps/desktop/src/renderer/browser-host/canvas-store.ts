/**
 * The canvases of a browser project and their live documents. Every change is stored in the
 * update log before it counts: an update from the page is committed, then applied; a change the
 * host makes itself (restore, merge) is applied, then committed in order through one write queue.
 * Other tabs holding the same project hear of each stored update over a BroadcastChannel and
 * apply it without storing it again.
 */
import * as Y from 'yjs';
import { CanvasDoc, InvalidArgumentError } from '@facet/engine/common';
import type { CanvasSummary } from '../../shared/host-api.ts';
import { req, transact, values } from './idb.ts';
import { checkUpdate, UpdateLog } from './update-log.ts';

/** A canvas as stored: the contract's summary plus its place in the list. */
export interface CanvasRecord extends CanvasSummary {
  rank: number;
}

/** Marks updates already in the log, so applying them does not store them twice. */
class StoredOrigin {
  constructor(readonly origin: unknown) {}
}

export type UpdateListener = (canvasId: string, update: Uint8Array, origin: unknown) => void;

export class CanvasStore {
  private readonly live = new Map<string, Promise<CanvasDoc>>();
  private readonly listeners = new Set<UpdateListener>();
  private writes: Promise<unknown> = Promise.resolve();
  private readonly channel: BroadcastChannel | undefined;

  constructor(
    private readonly db: IDBDatabase,
    private readonly log: UpdateLog,
    channelName: string,
    /** Called after each stored update (automatic checkpoints). */
    private readonly afterStored: (canvasId: string) => Promise<void> = () => Promise.resolve(),
  ) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
    this.channel?.addEventListener(
      'message',
      (event: MessageEvent<{ canvasId: string; update: Uint8Array }>) => {
        const { canvasId, update } = event.data;
        void this.live
          .get(canvasId)
          ?.then((canvas) => Y.applyUpdate(canvas.doc, update, new StoredOrigin('tab')));
      },
    );
  }

  async create(name: string, options: { branchOf?: string; forkVersion?: string; state?: Uint8Array } = {}) {
    const now = Date.now();
    const record: CanvasRecord = {
      id: randomId(),
      name: checkName(name),
      createdAt: now,
      updatedAt: now,
      rank: 0,
      ...(options.branchOf !== undefined ? { branchOf: options.branchOf } : {}),
      ...(options.forkVersion !== undefined ? { forkVersion: options.forkVersion } : {}),
    };
    await transact(this.db, ['canvases', 'updates'], 'readwrite', async (tx) => {
      const all = await values<CanvasRecord>(tx.objectStore('canvases'));
      record.rank = Math.max(0, ...all.map((c) => c.rank)) + 1;
      tx.objectStore('canvases').add(record);
      // A new canvas starts with its schema stamp (or the state it was forked from).
      UpdateLog.seed(tx, record.id, options.state ?? new CanvasDoc().encodeState());
    });
    return summary(record);
  }

  async list(options: { branches?: boolean } = {}): Promise<CanvasSummary[]> {
    return (await this.records()).filter((c) => options.branches || c.branchOf === undefined).map(summary);
  }

  async branches(canvasId: string): Promise<CanvasSummary[]> {
    return (await this.records()).filter((c) => c.branchOf === canvasId).map(summary);
  }

  async info(id: string): Promise<CanvasSummary> {
    const record = await transact(this.db, 'canvases', 'readonly', (tx) =>
      req(tx.objectStore('canvases').get(String(id)) as IDBRequest<CanvasRecord | undefined>),
    );
    if (!record) throw new InvalidArgumentError(`There is no canvas "${id}".`);
    return summary(record);
  }

  async rename(id: string, name: string): Promise<void> {
    await this.change(id, (c) => ({ ...c, name: checkName(name), updatedAt: Date.now() }));
  }

  async markMerged(id: string): Promise<void> {
    await this.change(id, (c) => ({ ...c, mergedAt: Date.now() }));
  }

  async delete(id: string): Promise<void> {
    await this.info(id);
    if ((await this.branches(id)).some((b) => b.mergedAt === undefined))
      throw new InvalidArgumentError('This canvas has open branches; merge or delete them first.');
    await this.flush();
    this.forget(id);
    await transact(
      this.db,
      ['canvases', 'versions', 'updates', 'snapshots', 'search'],
      'readwrite',
      async (tx) => {
        const canvases = tx.objectStore('canvases');
        for (const c of await values<CanvasRecord>(canvases)) {
          if (c.branchOf !== id) continue;
          const { branchOf: _parent, ...rest } = c;
          canvases.put(rest);
        }
        canvases.delete(id);
        const versions = tx.objectStore('versions');
        for (const key of await req(
          versions.index('canvas').getAllKeys(IDBKeyRange.bound([id], [id, Infinity])),
        ))
          versions.delete(key);
        tx.objectStore('search').delete(`canvas:${id}`);
        UpdateLog.drop(tx, id);
      },
    );
  }

  /** The live document of a canvas, loaded on first use. Changes to it are stored as they happen. */
  doc(id: string): Promise<CanvasDoc> {
    let open = this.live.get(id);
    if (!open) {
      open = this.load(id);
      this.live.set(id, open);
      open.catch(() => this.live.delete(id));
    }
    return open;
  }

  /**
   * The live document once every change sent before this call is applied: what the page showed
   * when it asked (a block run right after typing must see the last keystroke). Never call it from
   * inside the write queue (the `afterStored` hook), which it waits for.
   */
  async settled(id: string): Promise<CanvasDoc> {
    await this.flush().catch(() => undefined);
    return this.doc(id);
  }

  /** Applies an update from the page: stored first, then applied. Updates keep their order. */
  applyUpdate(id: string, update: Uint8Array, origin: unknown): Promise<void> {
    checkUpdate(update);
    return this.queue(async () => {
      const canvas = await this.doc(id);
      await this.store(id, update);
      Y.applyUpdate(canvas.doc, update, new StoredOrigin(origin));
    });
  }

  /** The state a peer is missing, given its state vector (everything when none). */
  async encodeState(id: string, stateVector?: Uint8Array): Promise<Uint8Array> {
    const doc = (await this.doc(id)).doc;
    if (!stateVector) return Y.encodeStateAsUpdate(doc);
    try {
      return Y.encodeStateAsUpdate(doc, stateVector);
    } catch {
      throw new InvalidArgumentError('That state vector is malformed.');
    }
  }

  /** Resolves once every change made so far is stored (rejects if one could not be). */
  flush(): Promise<void> {
    return this.queue(() => {
      // A change made here (restore, merge) that failed to store is reported once, to whoever
      // waits next: they must not go on as if it were kept.
      const failure = this.unstored;
      this.unstored = undefined;
      if (failure === undefined) return Promise.resolve();
      return Promise.reject(failure instanceof Error ? failure : new Error(String(failure)));
    });
  }

  private unstored: unknown;

  onUpdate(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Canvases with their stored times (for search staleness). */
  records(): Promise<CanvasRecord[]> {
    return transact(this.db, 'canvases', 'readonly', async (tx) =>
      (await values<CanvasRecord>(tx.objectStore('canvases'))).sort(
        (a, b) => a.createdAt - b.createdAt || a.rank - b.rank,
      ),
    );
  }

  close(): void {
    this.channel?.close();
    for (const open of this.live.values())
      void open.then(
        (c) => c.destroy(),
        () => undefined,
      );
    this.live.clear();
  }

  private async load(id: string): Promise<CanvasDoc> {
    await this.info(id);
    const doc = new Y.Doc();
    const parts = await this.log.load(id);
    const loaded = new StoredOrigin('load');
    doc.transact(() => {
      for (const part of parts) {
        try {
          Y.applyUpdate(doc, part, loaded);
        } catch {
          // Skipped: Yjs cannot apply it (damaged storage); the rest of the canvas still loads.
        }
      }
    }, loaded);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (!(origin instanceof StoredOrigin)) {
        // A change made here (restore, merge): store it, in order with everything else.
        void this.queue(() => this.store(id, update)).catch((error: unknown) => {
          console.error('[facet] a change could not be stored; reloading the canvas', error);
          this.unstored = error;
          this.forget(id);
        });
      }
      const source = origin instanceof StoredOrigin ? origin.origin : origin;
      for (const listener of this.listeners) {
        try {
          listener(id, update, source);
        } catch (error) {
          console.error('[facet] update listener failed', error);
        }
      }
    });
    return new CanvasDoc(doc);
  }

  /** Commits one update (with the canvas's updated time), tells other tabs, then the hook. */
  private async store(id: string, update: Uint8Array): Promise<void> {
    await this.log.append(
      id,
      update,
      async (tx) => {
        // A canvas deleted meanwhile (in another tab, say) takes no more updates.
        const canvases = tx.objectStore('canvases');
        const record = await req(canvases.get(id) as IDBRequest<CanvasRecord | undefined>);
        if (!record) throw new InvalidArgumentError(`Canvas "${id}" was deleted; this change was not kept.`);
        canvases.put({ ...record, updatedAt: Date.now() });
      },
      ['canvases'],
    );
    this.channel?.postMessage({ canvasId: id, update });
    await this.afterStored(id).catch((error: unknown) => console.error('[facet] checkpoint failed', error));
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async change(id: string, edit: (c: CanvasRecord) => CanvasRecord): Promise<void> {
    await transact(this.db, 'canvases', 'readwrite', async (tx) => {
      const store = tx.objectStore('canvases');
      const record = await req(store.get(String(id)) as IDBRequest<CanvasRecord | undefined>);
      if (!record) throw new InvalidArgumentError(`There is no canvas "${id}".`);
      store.put(edit(record));
    });
  }

  private forget(id: string): void {
    const open = this.live.get(id);
    this.live.delete(id);
    void open?.then(
      (c) => c.destroy(),
      () => undefined,
    );
  }
}

function summary(record: CanvasRecord): CanvasSummary {
  const { rank: _rank, ...rest } = record;
  return rest;
}

function checkName(name: string): string {
  const trimmed = String(name ?? '').trim();
  if (!trimmed) throw new InvalidArgumentError('A canvas needs a name.');
  if (trimmed.length > 200) throw new InvalidArgumentError('A canvas name can be at most 200 characters.');
  return trimmed;
}

/** 16 hex digits from the platform's random source. */
export function randomId(bytes = 8): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}
