/**
 * For renderer tests of the collaboration UI (which cannot import Node code themselves): a real
 * relay process and a real host with a project open, whose HostApi the UI talks to.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRelayProcess } from '../e2e/relay-link.ts';
import type { HostApi } from '../src/shared/host-api.ts';
import { Host } from '../src/host/host.ts';

export interface CollabFixture {
  relayUrl: string;
  api: HostApi;
  close(): Promise<void>;
}

export async function startCollabFixture(): Promise<CollabFixture> {
  const relay = await startRelayProcess();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-collab-ui-'));
  const host = new Host({ projectsRoot: path.join(work, 'projects') });
  await host.openProject(path.join(work, 'Shared.facet'), true);
  const session = host.session(() => undefined);
  return {
    relayUrl: relay.url,
    api: session.api,
    close: async () => {
      session.close();
      await host.close();
      await relay.stop();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
