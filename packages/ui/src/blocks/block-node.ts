/** What every block node on the canvas receives. */
import type { Node, NodeProps } from '@xyflow/react';
import type { Block, CanvasDoc } from '@facet/engine/common';
import type { CanvasServices } from '../services.ts';

export type BlockNodeData = { block: Block; canvas: CanvasDoc; services: CanvasServices };
export type BlockNode = Node<BlockNodeData>;
export type BlockNodeProps = NodeProps<BlockNode>;
