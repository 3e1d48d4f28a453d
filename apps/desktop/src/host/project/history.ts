/**
 * Version history and branches of the canvases in a project.
 *
 *   main ──v1──v2──────────v4(merge)──►
 *                 \\            ▲
 *   branch         fork──edit──┘      fork = a new canvas holding v2's state; merge = its Yjs
 *                                     updates applied to main, plus a report of blocks both changed
 *
 * Restore and merge are forward changes (history is never rewritten). Before either, the current
 * state is saved as an automatic version, so they can be undone by restoring that one.
 */
import {
  CanvasDoc,
  type DocDiff,
  diffDocs,
  forkDoc,
  InvalidArgumentError,
  mergeBranch,
  type MergeReport,
  restoreDoc,
} from '@facet/engine/common';
import type { DocLog } from '../store/doc-log.ts';
import type { VersionInfo, VersionStore } from '../store/versions.ts';
import type { Canvases, CanvasInfo } from './canvases.ts';

export interface NewVersion {
  message: string;
  author?: string;
  tag?: string;
}

/** Where a diff starts or ends: a version id, or `now` (the canvas as it is). */
export type VersionRef = string;

export class History {
  /** When each canvas last got a version, to space automatic checkpoints. */
  private readonly lastCheckpoint = new Map<string, number>();

  constructor(
    private readonly canvases: Canvases,
    private readonly versions: VersionStore,
    private readonly log: DocLog,
    private readonly author: () => string,
    /** Minimum time between automatic checkpoints while editing. */
    private readonly checkpointEveryMs = 10 * 60 * 1000,
  ) {}

  /** Saves the canvas as it is now as a named version. */
  create(canvasId: string, version: NewVersion): VersionInfo {
    const message = String(version.message ?? '').trim();
    if (!message) throw new InvalidArgumentError('A version needs a message.');
    if (version.tag !== undefined && !String(version.tag).trim())
      throw new InvalidArgumentError('A tag cannot be empty.');
    return this.save(canvasId, {
      kind: 'named',
      message,
      author: version.author ?? this.author(),
      ...(version.tag ? { tag: version.tag.trim() } : {}),
    });
  }

  list(canvasId: string): VersionInfo[] {
    this.canvases.info(canvasId);
    return this.versions.list(canvasId);
  }

  /** Called after each stored update: saves an automatic checkpoint when the last one is old. */
  maybeCheckpoint(canvasId: string): void {
    const now = Date.now();
    let last = this.lastCheckpoint.get(canvasId);
    if (last === undefined) {
      last = this.versions.latest(canvasId)?.createdAt ?? this.canvases.info(canvasId).createdAt;
      this.lastCheckpoint.set(canvasId, last);
    }
    if (now - last < this.checkpointEveryMs) return;
    this.save(canvasId, { kind: 'auto', message: 'Automatic checkpoint', author: this.author() });
  }

  /** What changed from one version (or now) to another. */
  diff(canvasId: string, from: VersionRef, to: VersionRef = 'now'): DocDiff {
    return diffDocs(this.docAt(canvasId, from), this.docAt(canvasId, to));
  }

  /** The canvas as it was at a version (a detached copy), or as it is now. */
  docAt(canvasId: string, ref: VersionRef): CanvasDoc {
    if (ref === 'now') return CanvasDoc.fromUpdate(this.canvases.encodeState(canvasId));
    const info = this.versions.get(ref);
    if (info.canvasId !== canvasId)
      throw new InvalidArgumentError(`Version "${ref}" belongs to another canvas.`);
    return CanvasDoc.fromUpdate(this.versions.state(ref));
  }

  /** Makes the canvas equal a version again, as a new change; returns the version recording it. */
  restore(canvasId: string, versionId: string): VersionInfo {
    const target = this.docAt(canvasId, versionId);
    const info = this.versions.get(versionId);
    this.save(canvasId, {
      kind: 'auto',
      message: `Before restoring "${info.message}"`,
      author: this.author(),
    });
    restoreDoc(this.canvases.doc(canvasId), target);
    return this.save(canvasId, {
      kind: 'restore',
      message: `Restored "${info.message}"`,
      author: this.author(),
      details: { restored: versionId },
    });
  }

  /** Forks a canvas at a version (default: now) into a new branch canvas. */
  fork(canvasId: string, name: string, at?: string): CanvasInfo {
    const source = this.canvases.info(canvasId);
    if (source.branchOf !== undefined && source.mergedAt !== undefined) {
      throw new InvalidArgumentError('This branch was merged already; fork its canvas instead.');
    }
    const base =
      at ?? this.save(canvasId, { kind: 'fork', message: `Fork "${name}"`, author: this.author() }).id;
    const state = this.versions.state(base);
    if (this.versions.get(base).canvasId !== canvasId)
      throw new InvalidArgumentError(`Version "${base}" belongs to another canvas.`);
    return this.canvases.create(name, { branchOf: canvasId, forkVersion: base, state });
  }

  /** Merges a branch back into the canvas it was forked from; the merge is itself a version. */
  merge(branchId: string): { version: VersionInfo; report: MergeReport } {
    const branch = this.canvases.info(branchId);
    if (branch.branchOf === undefined || branch.forkVersion === undefined) {
      throw new InvalidArgumentError(`Canvas "${branch.name}" is not a branch.`);
    }
    if (branch.mergedAt !== undefined)
      throw new InvalidArgumentError(`Branch "${branch.name}" was merged already.`);
    const mainId = branch.branchOf;
    this.save(mainId, { kind: 'auto', message: `Before merging "${branch.name}"`, author: this.author() });
    const base = forkDoc(this.versions.state(branch.forkVersion));
    const report = mergeBranch(this.canvases.doc(mainId), this.canvases.doc(branchId), base);
    this.canvases.markMerged(branchId);
    const version = this.save(mainId, {
      kind: 'merge',
      message: `Merged "${branch.name}"`,
      author: this.author(),
      details: report,
    });
    return { version, report };
  }

  private save(
    canvasId: string,
    info: { kind: VersionInfo['kind']; message: string; author: string; tag?: string; details?: unknown },
  ): VersionInfo {
    const state = this.canvases.encodeState(canvasId);
    const version = this.versions.add(canvasId, state, this.log.lastSeq(canvasId), info);
    this.lastCheckpoint.set(canvasId, version.createdAt);
    return version;
  }
}
