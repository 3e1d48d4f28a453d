/**
 * While following someone, keeps this view centred where theirs is, at their zoom. Any pan, zoom or
 * click of one's own on the canvas ends following (`onStop`). Renders nothing; lives inside React Flow.
 */
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';
import type { Peer } from './presence.ts';

export interface FollowViewportProps {
  /** The person followed (any of their clients that shares a viewport). */
  target: Peer | undefined;
  onStop: () => void;
}

export function FollowViewport({ target, onStop }: FollowViewportProps) {
  const flow = useReactFlow();
  const dom = useStore((s) => s.domNode);
  const view = target?.viewport;
  const key = view ? `${view.x},${view.y},${view.zoom},${view.width ?? 0},${view.height ?? 0}` : '';

  useEffect(() => {
    if (!view) return;
    const { x, y, zoom, width = 0, height = 0 } = view;
    // The centre of their view in flow coordinates: screens differ in size, so the same pan and
    // zoom would show a different part of the canvas here.
    void flow.setCenter((width / 2 - x) / zoom, (height / 2 - y) / zoom, { zoom, duration: 120 });
    // `view` is read through `key`: a new object with the same numbers must not move the view.
  }, [flow, key]);

  useEffect(() => {
    if (!dom || !target) return;
    const stop = (): void => onStop();
    dom.addEventListener('pointerdown', stop, { capture: true });
    dom.addEventListener('wheel', stop, { capture: true, passive: true });
    return () => {
      dom.removeEventListener('pointerdown', stop, { capture: true });
      dom.removeEventListener('wheel', stop, { capture: true });
    };
  }, [dom, target, onStop]);
  return null;
}
