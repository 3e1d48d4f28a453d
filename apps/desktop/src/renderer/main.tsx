/**
 * The renderer's entry: picks the transport (the preload bridge in Electron, else web mode's
 * WebSocket with the secret from the URL fragment) and renders Root (Home or the open project).
 */
import '@mantine/core/styles.css';
import '@xyflow/react/dist/style.css';
import '@facet/ui/styles.css';
import type { HostApi, HostEventName, HostEvents } from '../shared/host-api.ts';
import type { FacetHostBridge } from '../shared/ipc.ts';
import { startApp } from './app/start-app.tsx';
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

void startApp(connect);
