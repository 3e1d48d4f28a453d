/** The canvas's blocks as React state, re-read after every change to the document. */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Block, CanvasDoc } from '@facet/engine/common';

export function useBlocks(canvas: CanvasDoc): Block[] {
  const cache = useRef<{ version: number; blocks: Block[] }>({ version: -1, blocks: [] });
  const version = useRef(0);
  const subscribe = useCallback(
    (notify: () => void) =>
      canvas.onChange(() => {
        version.current++;
        notify();
      }),
    [canvas],
  );
  const snapshot = useCallback(() => {
    if (cache.current.version !== version.current) {
      cache.current = { version: version.current, blocks: canvas.blocks() };
    }
    return cache.current.blocks;
  }, [canvas]);
  return useSyncExternalStore(subscribe, snapshot);
}
