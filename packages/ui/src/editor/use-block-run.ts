/**
 * Running a SQL block from its node: Run (or Ctrl/Cmd+Enter) starts it, Cancel aborts it through
 * the signal given to `services.runBlock`, and the outcome is kept: the last result (still shown
 * while the next run goes), or the error with where it points in the block. Editing the block
 * clears the error, whose position no longer matches the text. Runs of the block started elsewhere
 * (`services.onBlockRun`) show their result here too.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CanvasDoc } from '@facet/engine/common';
import type * as Y from 'yjs';
import type { BlockRunResult, CanvasServices } from '../services.ts';
import { type ErrorLocation, locateBlockError, relocateMessage } from './error-range.ts';

export interface RunError {
  message: string;
  /** Where it points, when DuckDB said and the text has not changed since the run started. */
  location?: ErrorLocation;
}

export interface BlockRun {
  phase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** The last successful result. */
  result?: BlockRunResult;
  error?: RunError;
}

export function useBlockRun(
  services: CanvasServices,
  canvas: CanvasDoc,
  name: string,
  text: Y.Text,
  onFinished?: () => void,
): { run: BlockRun; start: () => void; cancel: () => void } {
  const [run, setRun] = useState<BlockRun>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const start = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const sqlAtStart = text.toString();
    setRun((r) => ({ phase: 'running', ...(r.result ? { result: r.result } : {}) }));
    services.runBlock(name, current.signal).then(
      (result) => {
        if (controller.current !== current) return;
        controller.current = undefined;
        setRun({ phase: 'done', result });
        finished.current?.();
      },
      (error: unknown) => {
        if (controller.current !== current) return;
        controller.current = undefined;
        if ((error as { code?: unknown } | null)?.code === 'CANCELLED') {
          setRun((r) => ({ phase: 'cancelled', ...(r.result ? { result: r.result } : {}) }));
          return;
        }
        const unchanged = text.toString() === sqlAtStart;
        const location = unchanged ? locateBlockError(canvas, name, sqlAtStart, error) : undefined;
        const message = error instanceof Error ? error.message : String(error);
        setRun((r) => ({
          phase: 'error',
          ...(r.result ? { result: r.result } : {}),
          error: { message: relocateMessage(message, location, name), ...(location ? { location } : {}) },
        }));
      },
    );
  }, [services, canvas, name, text]);

  const cancel = useCallback(() => {
    const current = controller.current;
    if (!current) return;
    controller.current = undefined;
    current.abort();
    setRun((r) => ({ phase: 'cancelled', ...(r.result ? { result: r.result } : {}) }));
  }, []);

  // Runs of this block asked for elsewhere (a chart, a re-run downstream) show here too.
  useEffect(
    () =>
      services.onBlockRun?.((ran, result) => {
        if (ran.toLowerCase() === name.toLowerCase() && !controller.current)
          setRun({ phase: 'done', result });
      }),
    [services, name],
  );
  useEffect(() => {
    const clear = (): void =>
      setRun((r) => (r.phase === 'error' ? { phase: 'idle', ...(r.result ? { result: r.result } : {}) } : r));
    text.observe(clear);
    return () => text.unobserve(clear);
  }, [text]);
  // A run nobody will see is stopped.
  useEffect(() => () => controller.current?.abort(), []);

  return { run, start, cancel };
}
