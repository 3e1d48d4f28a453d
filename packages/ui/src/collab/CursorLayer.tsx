/**
 * Other people's pointers and selections on the canvas, drawn inside React Flow: an arrow with a
 * name label at each cursor, and an outline in the person's colour around each block they have
 * selected (or are editing). Positions are in flow coordinates and follow this viewer's pan and zoom.
 */
import { type ReactFlowState, useStore, useViewport } from '@xyflow/react';
import { useCallback } from 'react';
import type { Peer } from './presence.ts';

export interface CursorLayerProps {
  peers: readonly Peer[];
}

type Rect = { x: number; y: number; w: number; h: number };

/** How far a selection outline stands off the block (px). */
const OUTSET = 3;

export function CursorLayer({ peers }: CursorLayerProps) {
  const { x, y, zoom } = useViewport();
  const ids = [...new Set(peers.flatMap((p) => [...p.selection, ...(p.editing ? [p.editing] : [])]))];
  const key = ids.join(',');
  // The rects as one string: the layer redraws when a selected block moves, not on every store change.
  const select = useCallback(
    (s: ReactFlowState) =>
      key
        .split(',')
        .map((id) => {
          const node = s.nodeLookup.get(id);
          if (!node) return '';
          const { x: nx, y: ny } = node.internals.positionAbsolute;
          const w = node.measured.width ?? node.width ?? 0;
          const h = node.measured.height ?? node.height ?? 0;
          return `${id}:${nx}:${ny}:${w}:${h}`;
        })
        .join('|'),
    [key],
  );
  const packed = useStore(select);
  const rects = new Map<string, Rect>();
  for (const part of packed.split('|')) {
    const [id, nx, ny, w, h] = part.split(':');
    if (id) rects.set(id, { x: Number(nx), y: Number(ny), w: Number(w), h: Number(h) });
  }
  const toScreen = (p: { x: number; y: number }) => ({ left: p.x * zoom + x, top: p.y * zoom + y });
  return (
    <div
      className="facet-cursor-layer"
      aria-hidden
      style={{ position: 'absolute', inset: 0, pointerEvents: 'none', zIndex: 6, overflow: 'hidden' }}
    >
      {peers.flatMap((peer) =>
        [...new Set([...peer.selection, ...(peer.editing ? [peer.editing] : [])])].map((id) => {
          const rect = rects.get(id);
          if (!rect) return null;
          return (
            <div
              key={`${peer.clientId}-${id}`}
              data-peer-selection={peer.user.name}
              style={{
                position: 'absolute',
                // A little outside the block, so the outline never hides its border.
                left: rect.x * zoom + x - OUTSET,
                top: rect.y * zoom + y - OUTSET,
                width: rect.w * zoom + 2 * OUTSET,
                height: rect.h * zoom + 2 * OUTSET,
                border: `2px solid ${peer.user.color}`,
                borderRadius: 10,
                boxSizing: 'border-box',
                boxShadow: `0 0 0 1px ${peer.user.color}33`,
              }}
            />
          );
        }),
      )}
      {peers.map((peer) =>
        peer.cursor ? <Cursor key={peer.clientId} peer={peer} at={toScreen(peer.cursor)} /> : null,
      )}
    </div>
  );
}

function Cursor({ peer, at }: { peer: Peer; at: { left: number; top: number } }) {
  const { color, name } = peer.user;
  return (
    <div
      className="facet-peer-cursor"
      data-peer={name}
      style={{
        position: 'absolute',
        left: 0,
        top: 0,
        transform: `translate(${at.left}px, ${at.top}px)`,
        transition: 'transform 80ms linear',
      }}
    >
      <svg width="18" height="20" viewBox="0 0 18 20" style={{ display: 'block' }}>
        <path
          d="M1 1 L1 16 L5.5 12 L8.5 19 L11 18 L8 11 L14 11 Z"
          fill={color}
          stroke="white"
          strokeWidth="1.5"
        />
      </svg>
      <span
        style={{
          position: 'absolute',
          left: 14,
          top: 16,
          background: color,
          color: 'white',
          fontSize: 11,
          fontWeight: 600,
          lineHeight: '16px',
          padding: '1px 6px',
          borderRadius: 4,
          whiteSpace: 'nowrap',
          boxShadow: '0 1px 2px rgba(0,0,0,0.25)',
        }}
      >
        {name}
      </span>
    </div>
  );
}
