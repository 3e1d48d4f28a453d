/**
 * When a control's value changes, the SQL blocks that read it (directly or through blocks they
 * read) run again, so every view of their results follows. Runs go through `services`, whose run
 * events update the blocks, charts and metrics on the canvas.
 */
import { useEffect } from 'react';
import { type CanvasDoc, canvasControls, canvasGraph } from '@facet/engine/common';
import type { CanvasServices } from '@facet/ui';

export function useControlReruns(canvas: CanvasDoc, services: CanvasServices): void {
  useEffect(() => {
    let previous = canvasControls(canvas);
    return canvas.onChange(() => {
      const next = canvasControls(canvas);
      const changed = Object.keys({ ...previous, ...next }).filter(
        (key) => JSON.stringify(previous[key] ?? null) !== JSON.stringify(next[key] ?? null),
      );
      previous = next;
      // The host runs blocks with the values in its copy of the document: the change is sent when
      // this transaction ends, and the runs travel behind it.
      if (changed.length > 0) setTimeout(() => rerun(canvas, services, changed), 0);
    });
  }, [canvas, services]);
}

function rerun(canvas: CanvasDoc, services: CanvasServices, changed: readonly string[]): void {
  const graph = canvasGraph(canvas);
  for (const block of canvas.blocks()) {
    if (block.type !== 'sql' || !block.name.trim()) continue;
    let reads: string[];
    try {
      reads = graph.compile(block.name).controls.map((c) => c.toLowerCase());
    } catch {
      continue; // A block that cannot compile shows its own error when run.
    }
    if (reads.some((c) => changed.includes(c))) services.runBlock(block.name).catch(() => undefined);
  }
}
