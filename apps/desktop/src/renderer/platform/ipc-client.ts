/** The renderer's HostApi in the desktop app: calls go through the preload bridge (`window.facetHost`). */
import type { HostApi, HostEventName, HostEvents } from '../../shared/host-api.ts';
import type { FacetHostBridge } from '../../shared/ipc.ts';
import { HostError } from './host-error.ts';
import { hostApiProxy } from './host-proxy.ts';

export interface IpcHost {
  api: HostApi;
  on: <E extends HostEventName>(event: E, listener: (data: HostEvents[E]) => void) => () => void;
}

export function ipcHost(bridge: FacetHostBridge): IpcHost {
  return {
    api: hostApiProxy(async (method, args) => {
      const reply = await bridge.invoke(method, args);
      if ('error' in reply) throw new HostError(reply.error.code, reply.error.message, reply.error);
      return reply.result;
    }),
    on: (event, listener) =>
      bridge.onEvent((name: HostEventName, data: unknown) => {
        if (name === event) listener(data as HostEvents[typeof event]);
      }),
  };
}
