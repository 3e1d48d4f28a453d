import { blockLabel, type DocDiff, type NamedChanges } from '@facet/engine/common';
import { z } from 'zod';

const blockRef = z.object({ id: z.string(), type: z.string(), label: z.string() });
const named = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

/**
 * A version's difference from the current document, small enough for a list: which blocks were
 * added, removed or changed (and which fields), and which glossary terms and metrics. The full diff
 * (line diffs of SQL and notes) is for the app to compute from the two states.
 */
export const diffSummary = z.object({
  /** True when the version equals the current document. */
  same: z.boolean(),
  added: z.array(blockRef),
  removed: z.array(blockRef),
  changed: z.array(
    blockRef.extend({ fields: z.array(z.string()), moved: z.boolean(), resized: z.boolean() }),
  ),
  glossary: named,
  metrics: named,
});
export type DiffSummary = z.infer<typeof diffSummary>;

function isEmpty(n: NamedChanges): boolean {
  return n.added.length + n.removed.length + n.changed.length === 0;
}

/** Summarises `diffDocs(version, current)`: what changed since the version. */
export function summariseDiff(diff: DocDiff): DiffSummary {
  const ref = (b: { id: string; type: string }, label: string) => ({ id: b.id, type: b.type, label });
  const summary: DiffSummary = {
    same: false,
    added: diff.added.map((b) => ref(b, blockLabel(b))),
    removed: diff.removed.map((b) => ref(b, blockLabel(b))),
    changed: diff.changed.map((c) => ({
      ...ref(c, c.label),
      fields: c.fields.map((f) => f.field),
      moved: Boolean(c.moved),
      resized: Boolean(c.resized),
    })),
    glossary: diff.glossary,
    metrics: diff.metrics,
  };
  summary.same =
    summary.added.length + summary.removed.length + summary.changed.length === 0 &&
    isEmpty(diff.glossary) &&
    isEmpty(diff.metrics);
  return summary;
}
