/**
 * The infinite canvas (@xyflow/react): blocks as nodes at their stored positions, arrows from each
 * block to the blocks that read it, pan, zoom, minimap and snapping. Moves, resizes and deletions
 * become CanvasDoc commands, so they sync, persist and undo like any edit.
 */
import {
  Background,
  Controls,
  type Edge,
  MiniMap,
  type NodeChange,
  Handle,
  NodeResizer,
  Position,
  ReactFlow,
  applyNodeChanges,
  useStore,
} from '@xyflow/react';
import { useComputedColorScheme } from '@mantine/core';
import { type ComponentType, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Block, type CanvasDoc, bindControls, blockReferences } from '@facet/engine/common';
import type { BlockNode, BlockNodeProps } from '../blocks/block-node.ts';
import { ChartBlockNode } from '../blocks/ChartBlockNode.tsx';
import { ControlBlockNode } from '../blocks/ControlBlockNode.tsx';
import { MetricBlockNode } from '../blocks/MetricBlockNode.tsx';
import { SqlBlockNode } from '../blocks/SqlBlockNode.tsx';
import { OtherBlockNode, TextBlockNode } from '../blocks/TextBlockNode.tsx';
import type { CanvasServices } from '../services.ts';
import { useBlockClipboard } from './use-block-clipboard.ts';
import { useBlocks } from './use-blocks.ts';

const GRID = 16;

function resizable(Inner: ComponentType<BlockNodeProps>) {
  return function Resizable(props: BlockNodeProps) {
    return (
      <>
        <NodeResizer
          isVisible={props.selected}
          minWidth={200}
          minHeight={96}
          onResizeEnd={(_e, p) => {
            props.data.canvas.move(props.id, p.x, p.y);
            props.data.canvas.resize(props.id, p.width, p.height);
          }}
        />
        <Handle type="target" position={Position.Left} isConnectable={false} />
        <Detailed {...props} Inner={Inner} />
        <Handle type="source" position={Position.Right} isConnectable={false} />
      </>
    );
  };
}

/** Below this zoom, text is too small to read: blocks draw as labelled outlines. */
const OUTLINE_ZOOM = 0.4;

/**
 * Zoomed far out, a block draws as an outline with its name (editors, grids and charts are
 * unreadable there and cost the most to paint), which keeps panning a big canvas smooth.
 */
function Detailed({ Inner, ...props }: BlockNodeProps & { Inner: ComponentType<BlockNodeProps> }) {
  const far = useStore((state) => state.transform[2] < OUTLINE_ZOOM);
  if (!far) return <Inner {...props} />;
  const { block } = props.data;
  const name = block.title || ('name' in block && block.name) || ('source' in block && block.source) || '';
  return (
    <div className="facet-block facet-block-outline" style={{ width: block.w, height: block.h }}>
      <span className="facet-block-outline-type">{block.type}</span>
      <span className="facet-block-outline-name">{name}</span>
    </div>
  );
}

/**
 * The dot grid, left out where blocks draw as outlines: its dots scale with the zoom and are less
 * than half a pixel wide there, too faint to see, yet the full-screen pattern was painted again on
 * every frame of a pan (measured: about half the raster work of panning a 200-block canvas).
 */
function CanvasBackground() {
  const far = useStore((state) => state.transform[2] < OUTLINE_ZOOM);
  return far ? null : <Background gap={GRID} />;
}

const NODE_TYPES = {
  sql: resizable(SqlBlockNode),
  chart: resizable(ChartBlockNode),
  text: resizable(TextBlockNode),
  metric: resizable(MetricBlockNode),
  control: resizable(ControlBlockNode),
  other: resizable(OtherBlockNode),
};

export interface CanvasViewProps {
  canvas: CanvasDoc;
  services: CanvasServices;
  /** Drawn inside React Flow, above the blocks (live collaboration's cursors and presence). */
  overlay?: ReactNode;
}

export function CanvasView({ canvas, services, overlay }: CanvasViewProps) {
  const blocks = useBlocks(canvas);
  const [nodes, setNodes] = useState<BlockNode[]>([]);
  useEffect(() => {
    setNodes((previous) => {
      const selected = new Set(previous.filter((n) => n.selected).map((n) => n.id));
      return blocks.map((block) => toNode(block, canvas, services, selected.has(block.id)));
    });
  }, [blocks, canvas, services]);
  const edges = useMemo(() => dependencyEdges(blocks), [blocks]);
  const [pendingSelection, setPendingSelection] = useState<string[] | undefined>();
  // Read through a ref: the clipboard listeners stay registered while nodes change on every drag frame.
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const selected = useCallback(() => nodesRef.current.filter((n) => n.selected).map((n) => n.id), []);
  useBlockClipboard(canvas, selected, setPendingSelection);
  // Pasted blocks arrive through the document; once drawn, they become the selection.
  useEffect(() => {
    if (!pendingSelection || !pendingSelection.every((id) => nodes.some((n) => n.id === id))) return;
    const wanted = new Set(pendingSelection);
    setPendingSelection(undefined);
    setNodes((current) => current.map((n) => ({ ...n, selected: wanted.has(n.id) })));
  }, [nodes, pendingSelection]);
  const colorMode = useComputedColorScheme('light');

  const onNodesChange = (changes: NodeChange<BlockNode>[]): void => {
    setNodes((current) => applyNodeChanges(changes, current));
    const removed = changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
    if (removed.length > 0) canvas.delete(removed);
  };

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      colorMode={colorMode}
      onNodesChange={onNodesChange}
      onNodeDragStop={(_event, _node, dragged) => {
        for (const node of dragged) canvas.move(node.id, node.position.x, node.position.y);
      }}
      snapToGrid
      snapGrid={[GRID, GRID]}
      minZoom={0.1}
      maxZoom={2}
      fitView
      fitViewOptions={{ maxZoom: 1 }}
      deleteKeyCode={['Delete', 'Backspace']}
      proOptions={{ hideAttribution: true }}
    >
      <CanvasBackground />
      <Controls />
      <MiniMap pannable zoomable />
      {overlay}
      {blocks.length === 0 && (
        <div className="facet-canvas-empty" role="note">
          <strong>This canvas is empty.</strong>
          <span>
            Import a file (or drop one here), then add a SQL block to query it. Ctrl+K finds any command.
          </span>
        </div>
      )}
    </ReactFlow>
  );
}

function toNode(block: Block, canvas: CanvasDoc, services: CanvasServices, selected: boolean): BlockNode {
  return {
    id: block.id,
    type: block.type in NODE_TYPES ? block.type : 'other',
    position: { x: block.x, y: block.y },
    width: block.w,
    height: block.h,
    selected,
    dragHandle: '.facet-block-header',
    data: { block, canvas, services },
  };
}

/** An arrow from each SQL block to every block that reads it, and from each control to the SQL using it. */
function dependencyEdges(blocks: readonly Block[]): Edge[] {
  const byName = new Map<string, Block>();
  for (const b of blocks) if (b.type === 'sql' && b.name) byName.set(b.name.toLowerCase(), b);
  const names = new Set(byName.keys());
  const edges: Edge[] = [];
  const controls = new Map<string, Block>();
  for (const b of blocks) if (b.type === 'control' && b.name) controls.set(b.name.toLowerCase(), b);
  for (const b of blocks) {
    if (b.type === 'sql') {
      // A control feeds the blocks whose SQL reads its {{name}} (a date range: {{name_from}}, {{name_to}}).
      for (const used of bindControls(b.sql).controls) {
        const key = used.toLowerCase();
        const control = controls.get(key) ?? controls.get(key.replace(/_(from|to)$/, ''));
        const id = control ? `${control.id}->${b.id}` : '';
        if (control && !edges.some((e) => e.id === id))
          edges.push({ id, source: control.id, target: b.id, animated: false });
      }
    }
    const reads =
      b.type === 'sql' ? blockReferences(b.sql, names) : 'source' in b ? [b.source.toLowerCase()] : [];
    for (const name of reads) {
      const from = byName.get(name);
      if (from && from.id !== b.id)
        edges.push({ id: `${from.id}->${b.id}`, source: from.id, target: b.id, animated: false });
    }
  }
  return edges;
}
