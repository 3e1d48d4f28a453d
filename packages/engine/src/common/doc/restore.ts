/**
 * Restoring a version and merging a branch. Both are forward changes: history is never rewritten.
 * A restore edits the current document until its blocks, glossary and metrics equal the version's,
 * as this client's own change, so it can be undone like any edit. A merge applies the branch's
 * Yjs updates (the CRDT merges content) and reports the blocks both sides changed since the fork.
 */
import * as Y from 'yjs';
import { blockLabel, changedBlockIds } from './diff.ts';
import { CanvasDoc } from './canvas-doc.ts';

/** Makes `current` equal `target` by forward edits made with `current`'s own origin (undoable). */
export function restoreDoc(current: CanvasDoc, target: CanvasDoc): void {
  const wanted = new Map(target.blocks().map((b) => [b.id, b]));
  current.doc.transact(() => {
    current.delete(
      current
        .blocks()
        .filter((b) => !wanted.has(b.id))
        .map((b) => b.id),
    );
    for (const block of wanted.values()) current.put(block);
    const glossary = target.glossary();
    for (const term of Object.keys(current.glossary())) if (!(term in glossary)) current.deleteTerm(term);
    for (const [term, definition] of Object.entries(glossary)) current.setTerm(term, definition);
    const metrics = target.metrics();
    for (const name of Object.keys(current.metrics())) if (!(name in metrics)) current.deleteMetric(name);
    for (const [name, metric] of Object.entries(metrics)) current.setMetric(name, metric);
  }, current.origin);
}

/** A block both sides changed since the fork: Yjs merged it; a person should look. */
export interface MergeConflict {
  id: string;
  label: string;
  /** Whether each side still has the block after its own changes. */
  inMain: boolean;
  inBranch: boolean;
}

export interface MergeReport {
  /** Blocks the branch changed (and the merge brought in). */
  fromBranch: string[];
  /** Blocks changed on both sides since the fork. */
  conflicts: MergeConflict[];
}

/**
 * Merges `branch` into `main`. `base` is the state the branch was forked from. The branch's changes
 * arrive as one Yjs update, applied with `main`'s origin so the merge can be undone as one step.
 */
export function mergeBranch(main: CanvasDoc, branch: CanvasDoc, base: CanvasDoc): MergeReport {
  const inMain = changedBlockIds(base, main);
  const inBranch = changedBlockIds(base, branch);
  const mainBlocks = new Map(main.blocks().map((b) => [b.id, b]));
  const branchBlocks = new Map(branch.blocks().map((b) => [b.id, b]));
  const conflicts = [...inBranch]
    .filter((id) => inMain.has(id))
    .map((id) => {
      const block = branchBlocks.get(id) ?? mainBlocks.get(id) ?? base.block(id);
      return {
        id,
        label: block ? blockLabel(block) : id,
        inMain: mainBlocks.has(id),
        inBranch: branchBlocks.has(id),
      };
    });
  const update = Y.encodeStateAsUpdate(branch.doc, Y.encodeStateVector(main.doc));
  Y.applyUpdate(main.doc, update, main.origin);
  return { fromBranch: [...inBranch], conflicts };
}

/** A new branch document holding exactly the state of `at` (a version's snapshot). */
export function forkDoc(at: Uint8Array): CanvasDoc {
  return CanvasDoc.fromUpdate(at);
}
