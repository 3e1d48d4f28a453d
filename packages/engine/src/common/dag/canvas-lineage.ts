/**
 * The dependency graph of a canvas document and lineage questions about it: for a block, the
 * blocks and source tables it reads and the blocks, charts, tables and metrics that use it; for a
 * source table, everything that uses it. Charts, tables and metrics name their input in `source`
 * (a SQL block's name or a table's name).
 */
import type { Block } from '../doc/blocks.ts';
import type { CanvasDoc } from '../doc/canvas-doc.ts';
import { blockLabel } from '../doc/diff.ts';
import type { ParamValue } from '../sql/params.ts';
import { DependencyGraph } from './graph.ts';

export interface BlockView {
  id: string;
  type: Block['type'];
  label: string;
}

export interface BlockLineage {
  /** SQL blocks it reads, directly or not, dependencies first. */
  upstream: string[];
  /** Source tables it reads through any of them. */
  sources: string[];
  /** SQL blocks that read it, in run order. */
  downstream: string[];
  /** Charts, tables and metrics showing it or anything downstream of it. */
  views: BlockView[];
}

export interface SourceLineage {
  blocks: string[];
  views: BlockView[];
}

/** The canvas's SQL blocks as the dependency graph sees them (blocks without a name are left out). */
export function canvasGraph(canvas: CanvasDoc): DependencyGraph {
  const blocks = canvas
    .blocks()
    .flatMap((b) => (b.type === 'sql' && b.name.trim() ? [{ name: b.name, sql: b.sql }] : []));
  return new DependencyGraph(blocks);
}

/** The current value of each control block, by control name (what `{{name}}` binds to). */
export function canvasControls(canvas: CanvasDoc): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const block of canvas.blocks()) {
    if (block.type !== 'control') continue;
    const v = block.value;
    const name = block.name.toLowerCase();
    if (block.control === 'date-range') {
      // A range is read as two parameters, `$name_from` and `$name_to` (null when open-ended).
      const range = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
      values[`${name}_from`] = typeof range.from === 'string' && range.from ? range.from : null;
      values[`${name}_to`] = typeof range.to === 'string' && range.to ? range.to : null;
      continue;
    }
    values[name] =
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : v === undefined
          ? null
          : JSON.stringify(v);
  }
  return values;
}

/** Lineage of the SQL block named `name`, given the tables the engine has. Throws CycleError. */
export function blockLineage(canvas: CanvasDoc, name: string, tables: readonly string[]): BlockLineage {
  const graph = canvasGraph(canvas);
  const downstream = graph.downstream(name);
  return {
    upstream: graph.upstream(name),
    sources: graph.sources(name, tables),
    downstream,
    views: viewsOf(canvas, [name, ...downstream]),
  };
}

/** Every block that uses a source table, directly or through other blocks. */
export function sourceLineage(canvas: CanvasDoc, table: string): SourceLineage {
  const blocks = canvasGraph(canvas).usersOfSource(table);
  return { blocks, views: viewsOf(canvas, [table, ...blocks]) };
}

function viewsOf(canvas: CanvasDoc, inputs: readonly string[]): BlockView[] {
  const wanted = new Set(inputs.map((n) => n.toLowerCase()));
  return canvas
    .blocks()
    .filter((b) => 'source' in b && wanted.has(b.source.toLowerCase()))
    .map((b) => ({ id: b.id, type: b.type, label: blockLabel(b) }));
}
