// @vitest-environment jsdom
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils/render.tsx';
import { CursorLayer } from './CursorLayer.tsx';
import { type Peer, userColor } from './presence.ts';

const ada: Peer = {
  clientId: 7,
  user: { id: 'ada', name: 'Ada', color: userColor('ada') },
  cursor: { x: 30, y: 40 },
  selection: ['b1'],
};

function flow(peers: Peer[]) {
  return renderUi(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow
          nodes={[{ id: 'b1', position: { x: 10, y: 20 }, width: 200, height: 100, data: {} }]}
          edges={[]}
          defaultViewport={{ x: 100, y: 50, zoom: 2 }}
        >
          <CursorLayer peers={peers} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>,
  );
}

describe('CursorLayer', () => {
  it('draws a peer’s cursor and name where they point, in this view’s pan and zoom', () => {
    const { container } = flow([ada]);
    const cursor = container.querySelector<HTMLElement>('.facet-peer-cursor[data-peer="Ada"]');
    expect(cursor).not.toBeNull();
    // Flow (30, 40) at zoom 2, panned by (100, 50).
    expect(cursor!.style.transform).toBe('translate(160px, 130px)');
    expect(cursor!.textContent).toBe('Ada');
  });

  it('outlines the blocks a peer has selected, in their colour', () => {
    const { container } = flow([{ ...ada, cursor: null }]);
    expect(container.querySelector('.facet-peer-cursor')).toBeNull();
    // Block (10, 20) 200×100 at zoom 2 panned by (100, 50), standing 3 px off it.
    const outline = container.querySelector<HTMLElement>('[data-peer-selection="Ada"]');
    expect(outline).not.toBeNull();
    expect([outline!.style.left, outline!.style.top, outline!.style.width, outline!.style.height]).toEqual([
      '117px',
      '87px',
      '406px',
      '206px',
    ]);
    expect(outline!.style.border).toContain('2px solid');
  });

  it('ignores a selection of blocks that are not on this canvas', () => {
    const { container } = flow([{ ...ada, selection: ['gone'] }]);
    expect(container.querySelector('[data-peer-selection]')).toBeNull();
    expect(container.querySelector('.facet-peer-cursor')).not.toBeNull();
  });
});
