/**
 * What the window shows: Home when no project is open, else the project's canvas. The canvas in
 * view is kept in the URL fragment (`canvas=…`), so a reload comes back to it; switching canvases
 * (a branch, say) closes the old one's sync first.
 */
import { Loader, Center, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
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
  const show = useCallback(
    async (project: ProjectSummary, wanted?: string): Promise<void> => {
      const canvases = await api.canvases.list({ branches: true });
      const canvasId =
        canvases.find((c) => c.id === wanted)?.id ??
        canvases.find((c) => !c.branchOf)?.id ??
        (await api.canvases.create('Canvas 1')).id;
      const synced = await syncCanvas(api, on, canvasId);
      setFragment('canvas', canvasId);
      document.title = `${project.name} — Facet`;
      setView((previous) => {
        if (previous.kind === 'canvas') void previous.synced.close();
        return { kind: 'canvas', project, canvasId, synced };
      });
    },
    [api, on],
  );
  const fail = (error: unknown): void =>
    setView({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  useEffect(() => {
    api.projects
      .current()
      .then((project) => (project ? show(project, fragment('canvas')) : setView({ kind: 'home' })), fail);
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
