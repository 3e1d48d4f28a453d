/**
 * Mounts the app once its platform is connected (desktop IPC, web mode's WebSocket, or the browser
 * app's in-page host); if connecting fails, the page says why instead of staying blank.
 */
import { MantineProvider, Text } from '@mantine/core';
import { createRoot } from 'react-dom/client';
import type { HostApi } from '../../shared/host-api.ts';
import { type HostOn, Root } from './Root.tsx';

export async function startApp(connect: () => Promise<{ api: HostApi; on: HostOn }>): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const { api, on } = await connect();
    root.render(
      <MantineProvider defaultColorScheme="light">
        <Root api={api} on={on} />
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
