/**
 * What the window shows: Home when no project is open, else the project's canvas. The canvas in
 * view is kept in the URL fragment (`canvas=…`), so a reload comes back to it; switching canvases
 * (a branch, say) closes the old one's sync first.
 */
import { Loader, Center, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostApi, HostEventName, HostEvents, ProjectSummary } from '../../shared/host-api.ts';
import { type SyncedCanvas, syncCanvas } from '../platform/doc-sync.ts';
import { App } from './App.tsx';
import { Home } from './Home.tsx';

export type HostOn = <E extends HostEventName>(
  event: E,
  listener: (data: HostEvents[E]) => void,
) => () => void;

type View =
  | { kind: 'loading' }
  | { kind: 'home' }
  | { kind: 'canvas'; project: ProjectSummary; canvasId: string; synced: SyncedCanvas }
  | { kind: 'error'; message: string };

export interface RootProps {
  api: HostApi;
  on: HostOn;
}

export function Root({ api, on }: RootProps) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const shown = useRef<{ project: ProjectSummary; canvasId: string; synced: SyncedCanvas } | undefined>(
    undefined,
  );
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /**
   * Shows a canvas of `project`. Requests run one at a time, and the canvas already in view is not
   * synced again: the host keeps one subscription per canvas and connection, so a second sync of the
   * same canvas closing the first would leave the view without live updates.
   */
  const show = useCallback(
    (project: ProjectSummary, wanted?: string): Promise<void> => {
      const next = queue.current.then(async () => {
        const canvases = await api.canvases.list({ branches: true });
        const canvasId =
          canvases.find((c) => c.id === wanted)?.id ??
          canvases.find((c) => !c.branchOf)?.id ??
          (await api.canvases.create('Canvas 1')).id;
        const previous = shown.current;
        if (previous && previous.project.dir === project.dir && previous.canvasId === canvasId) return;
        if (previous) {
          shown.current = undefined;
          await previous.synced.close();
        }
        const synced = await syncCanvas(api, on, canvasId);
        shown.current = { project, canvasId, synced };
        setFragment('canvas', canvasId);
        document.title = `${project.name} — Facet`;
        setView({ kind: 'canvas', project, canvasId, synced });
      });
      queue.current = next.catch(() => undefined);
      return next;
    },
    [api, on],
  );
  const fail = (error: unknown): void =>
    setView({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  useEffect(() => {
    api.projects
      .current()
      .then((project) => (project ? show(project, fragment('canvas')) : setView({ kind: 'home' })))
      .catch(fail);
  }, [api, show]);

  if (view.kind === 'loading')
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (view.kind === 'error')
    return (
      <Text c="red" p="xl" role="alert">
        Facet could not open the project: {view.message}
      </Text>
    );
  if (view.kind === 'home') return <Home api={api} onOpened={(project) => void show(project).catch(fail)} />;
  return (
    <App
      key={view.canvasId}
      api={api}
      project={view.project}
      canvasId={view.canvasId}
      canvas={view.synced.canvas}
      onOpenCanvas={(id) => void show(view.project, id).catch(fail)}
    />
  );
}

function fragment(key: string): string | undefined {
  return new URLSearchParams(location.hash.slice(1)).get(key) ?? undefined;
}

function setFragment(key: string, value: string): void {
  const params = new URLSearchParams(location.hash.slice(1));
  params.set(key, value);
  history.replaceState(null, '', `#${params.toString()}`);
}
