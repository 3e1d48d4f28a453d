/**
 * Publishes this client's presence from inside React Flow: the pointer in flow coordinates
 * (throttled to about 20 a second), the selected blocks, the block whose editor has focus, and the
 * viewport (with its size, so a follower can centre on the same spot). Renders nothing.
 */
import { useOnSelectionChange, useOnViewportChange, useReactFlow, useStore } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import type { PresenceState, PublishPresence } from './presence.ts';

/** Milliseconds between two cursor or viewport messages (about 20 a second). */
export const PRESENCE_INTERVAL_MS = 50;

export function PresenceTracker({ publish }: { publish: PublishPresence }) {
  const flow = useReactFlow();
  const dom = useStore((s) => s.domNode);
  const throttled = useThrottle(publish);

  useEffect(() => {
    if (!dom) return;
    const move = (event: PointerEvent): void => {
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false });
      throttled({ cursor: { x: Math.round(p.x), y: Math.round(p.y) } });
    };
    const leave = (): void => throttled({ cursor: null });
    const editing = (): void => {
      const node = document.activeElement?.closest('.react-flow__node');
      const id = node && dom.contains(node) ? (node.getAttribute('data-id') ?? undefined) : undefined;
      publish({ editing: id });
    };
    // focusout fires before the next element has focus: look once it has.
    const blurred = (): void => void setTimeout(editing, 0);
    dom.addEventListener('pointermove', move);
    dom.addEventListener('pointerleave', leave);
    dom.addEventListener('focusin', editing);
    dom.addEventListener('focusout', blurred);
    return () => {
      dom.removeEventListener('pointermove', move);
      dom.removeEventListener('pointerleave', leave);
      dom.removeEventListener('focusin', editing);
      dom.removeEventListener('focusout', blurred);
    };
  }, [dom, flow, publish, throttled]);

  useOnSelectionChange({
    onChange: useCallback(({ nodes }) => publish({ selection: nodes.map((n) => n.id) }), [publish]),
  });
  const size = useStore((s) => `${s.width}x${s.height}`);
  const viewport = useCallback(
    (v: { x: number; y: number; zoom: number }) => {
      const [width = 0, height = 0] = size.split('x').map(Number);
      throttled({ viewport: { x: v.x, y: v.y, zoom: v.zoom, width, height } });
    },
    [size, throttled],
  );
  useOnViewportChange({ onChange: viewport });
  useEffect(() => viewport(flow.getViewport()), [flow, viewport]);
  return null;
}

/**
 * Sends at most one message per interval, merging the patches in between (the last value of
 * each field wins), and always sends the last one: a cursor never stops short of where it rests.
 */
function useThrottle(publish: PublishPresence): PublishPresence {
  const state = useRef<{
    pending?: Partial<PresenceState>;
    timer?: ReturnType<typeof setTimeout>;
    last: number;
  }>({
    last: 0,
  });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return useCallback(
    (patch) => {
      const s = state.current;
      s.pending = { ...s.pending, ...patch };
      if (s.timer) return;
      const flush = (): void => {
        s.timer = undefined;
        s.last = Date.now();
        const pending = s.pending;
        s.pending = undefined;
        if (pending) publish(pending);
      };
      const wait = PRESENCE_INTERVAL_MS - (Date.now() - s.last);
      if (wait <= 0) flush();
      else s.timer = setTimeout(flush, wait);
    },
    [publish],
  );
}
