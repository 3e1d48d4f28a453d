/**
 * The renderer's entry: picks the transport (the preload bridge in Electron, else web mode's
 * WebSocket with the secret from the URL fragment), opens the project's first canvas, and renders.
 */
import '@mantine/core/styles.css';
import '@xyflow/react/dist/style.css';
import '@facet/ui/styles.css';
import { MantineProvider, Text } from '@mantine/core';
import { createRoot } from 'react-dom/client';
import type { HostApi, HostEventName, HostEvents } from '../shared/host-api.ts';
import type { FacetHostBridge } from '../shared/ipc.ts';
import { App } from './app/App.tsx';
import { syncCanvas } from './platform/doc-sync.ts';
import { connectHost } from './platform/host-client.ts';
import { ipcHost } from './platform/ipc-client.ts';

type On = <E extends HostEventName>(event: E, listener: (data: HostEvents[E]) => void) => () => void;

async function connect(): Promise<{ api: HostApi; on: On }> {
  const bridge = (window as unknown as { facetHost?: FacetHostBridge }).facetHost;
  if (bridge) return ipcHost(bridge);
  const secret = new URLSearchParams(location.hash.slice(1)).get('secret') ?? '';
  const connection = await connectHost(`ws://${location.host}/rpc?secret=${encodeURIComponent(secret)}`);
  return connection;
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const { api, on } = await connect();
    const project = await api.projects.current();
    if (!project) throw new Error('No project is open in the host.');
    const [first] = await api.canvases.list();
    const canvasId = first?.id ?? (await api.canvases.create('Canvas 1')).id;
    const { canvas } = await syncCanvas(api, on, canvasId);
    document.title = `${project.name} — Facet`;
    root.render(
      <MantineProvider defaultColorScheme="light">
        <App api={api} project={project} canvasId={canvasId} canvas={canvas} />
      </MantineProvider>,
    );
  } catch (error) {
    root.render(
      <MantineProvider>
        <Text c="red" p="xl" role="alert">
          Facet could not start: {error instanceof Error ? error.message : String(error)}
        </Text>
      </MantineProvider>,
    );
  }
}

void start();
