/**
 * Versions and branches of a browser project's canvases (the desktop's history.ts over
 * IndexedDB). A version is the whole document state, encoded, never changed. Restore and merge are
 * forward changes made to the live document (so they reach the page and can be undone there); the
 * state before either is saved first as an automatic version.
 */
import {
  CanvasDoc,
  forkDoc,
  InvalidArgumentError,
  mergeBranch,
  type MergeReport,
  restoreDoc,
} from '@facet/engine/common';
import type { CanvasSummary, VersionSummary } from '../../shared/host-api.ts';
import type { CanvasStore } from './canvas-store.ts';
import { randomId } from './canvas-store.ts';
import { req, transact, values } from './idb.ts';

interface VersionRecord extends VersionSummary {
  state: Uint8Array;
}

type NewVersion = Omit<VersionSummary, 'id' | 'canvasId' | 'createdAt'>;

export class VersionHistory {
  /** When each canvas last got a version, to space automatic checkpoints. */
  private readonly lastCheckpoint = new Map<string, number>();

  constructor(
    private readonly db: IDBDatabase,
    private readonly canvases: CanvasStore,
    private readonly author: () => Promise<string>,
    /** Minimum time between automatic checkpoints while editing. */
    private readonly checkpointEveryMs = 10 * 60 * 1000,
  ) {}

  /** Saves the canvas as it is now as a named version. */
  async create(canvasId: string, input: { message: string; tag?: string }): Promise<VersionSummary> {
    const message = String(input.message ?? '').trim();
    if (!message) throw new InvalidArgumentError('A version needs a message.');
    if (input.tag !== undefined && !String(input.tag).trim())
      throw new InvalidArgumentError('A tag cannot be empty.');
    await this.canvases.flush();
    const version = await this.save(canvasId, {
      kind: 'named',
      message,
      author: await this.author(),
      ...(input.tag ? { tag: input.tag.trim() } : {}),
    });
    return withoutState(version);
  }

  /** A canvas's versions, newest first. */
  async list(canvasId: string): Promise<VersionSummary[]> {
    await this.canvases.info(canvasId);
    const rows = await transact(this.db, 'versions', 'readonly', (tx) =>
      values<VersionRecord>(tx.objectStore('versions').index('canvas'), range(canvasId), { reverse: true }),
    );
    return rows.map(withoutState);
  }

  /** Called after each stored update: saves an automatic checkpoint when the last one is old. */
  async maybeCheckpoint(canvasId: string): Promise<void> {
    const now = Date.now();
    let last = this.lastCheckpoint.get(canvasId);
    if (last === undefined) {
      const [latest] = await this.list(canvasId);
      last = latest?.createdAt ?? (await this.canvases.info(canvasId)).createdAt;
      this.lastCheckpoint.set(canvasId, last);
    }
    if (now - last < this.checkpointEveryMs) return;
    await this.save(canvasId, { kind: 'auto', message: 'Automatic checkpoint', author: await this.author() });
  }

  /** The canvas as it was at a version (a detached copy), or as it is now (`now`). */
  async docAt(canvasId: string, ref: string): Promise<CanvasDoc> {
    if (ref === 'now') return CanvasDoc.fromUpdate(await this.canvases.encodeState(canvasId));
    const version = await this.get(ref);
    if (version.canvasId !== canvasId)
      throw new InvalidArgumentError(`Version "${ref}" belongs to another canvas.`);
    return CanvasDoc.fromUpdate(version.state);
  }

  /** Makes the canvas equal a version again, as a new change; returns the version recording it. */
  async restore(canvasId: string, versionId: string): Promise<VersionSummary> {
    const target = await this.docAt(canvasId, versionId);
    const info = await this.get(versionId);
    const author = await this.author();
    await this.canvases.flush();
    await this.save(canvasId, { kind: 'auto', message: `Before restoring "${info.message}"`, author });
    restoreDoc(await this.canvases.doc(canvasId), target);
    await this.canvases.flush();
    const version = await this.save(canvasId, {
      kind: 'restore',
      message: `Restored "${info.message}"`,
      author,
      details: { restored: versionId },
    });
    return withoutState(version);
  }

  /** Forks a canvas at a version (default: now) into a new branch canvas. */
  async fork(canvasId: string, name: string, at?: string): Promise<CanvasSummary> {
    const source = await this.canvases.info(canvasId);
    if (source.branchOf !== undefined && source.mergedAt !== undefined)
      throw new InvalidArgumentError('This branch was merged already; fork its canvas instead.');
    await this.canvases.flush();
    const base =
      at === undefined
        ? await this.save(canvasId, { kind: 'fork', message: `Fork "${name}"`, author: await this.author() })
        : await this.get(at);
    if (base.canvasId !== canvasId)
      throw new InvalidArgumentError(`Version "${base.id}" belongs to another canvas.`);
    return this.canvases.create(name, { branchOf: canvasId, forkVersion: base.id, state: base.state });
  }

  /** Merges a branch back into the canvas it was forked from; the merge is itself a version. */
  async merge(branchId: string): Promise<{ version: VersionSummary; report: MergeReport }> {
    const branch = await this.canvases.info(branchId);
    if (branch.branchOf === undefined || branch.forkVersion === undefined)
      throw new InvalidArgumentError(`Canvas "${branch.name}" is not a branch.`);
    if (branch.mergedAt !== undefined)
      throw new InvalidArgumentError(`Branch "${branch.name}" was merged already.`);
    const mainId = branch.branchOf;
    const author = await this.author();
    await this.canvases.flush();
    await this.save(mainId, { kind: 'auto', message: `Before merging "${branch.name}"`, author });
    const base = forkDoc((await this.get(branch.forkVersion)).state);
    const report = mergeBranch(await this.canvases.doc(mainId), await this.canvases.doc(branchId), base);
    base.destroy();
    await this.canvases.flush();
    await this.canvases.markMerged(branchId);
    const version = await this.save(mainId, {
      kind: 'merge',
      message: `Merged "${branch.name}"`,
      author,
      details: report,
    });
    return { version: withoutState(version), report };
  }

  /** A version with its state. */
  private async get(id: string): Promise<VersionRecord> {
    const row = await transact(this.db, 'versions', 'readonly', (tx) =>
      req(tx.objectStore('versions').get(String(id)) as IDBRequest<VersionRecord | undefined>),
    );
    if (!row) throw new InvalidArgumentError(`There is no version "${id}".`);
    return row;
  }

  /** Stores the live state as a version (callers flush pending writes first where it matters). */
  private async save(canvasId: string, info: NewVersion): Promise<VersionRecord> {
    const state = await this.canvases.encodeState(canvasId);
    const record: VersionRecord = { id: randomId(6), canvasId, createdAt: Date.now(), ...info, state };
    await transact(this.db, 'versions', 'readwrite', (tx) => void tx.objectStore('versions').add(record));
    this.lastCheckpoint.set(canvasId, record.createdAt);
    return record;
  }
}

function range(canvasId: string): IDBKeyRange {
  return IDBKeyRange.bound([canvasId], [canvasId, Infinity]);
}

function withoutState(record: VersionRecord): VersionSummary {
  const { state: _state, ...rest } = record;
  return rest;
}
