/** The desktop renderer: a toolbar over the project's first canvas. */
import { AppShell, Button, FileButton, Group, Notification, Text, Title } from '@mantine/core';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { CanvasDoc } from '@facet/engine/common';
import { CanvasView } from '@facet/ui';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';
import { hostServices } from './host-services.ts';

export interface AppProps {
  api: HostApi;
  project: ProjectSummary;
  canvasId: string;
  canvas: CanvasDoc;
}

export function App({ api, project, canvasId, canvas }: AppProps) {
  const services = useMemo(() => hostServices(api, canvasId), [api, canvasId]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const importFiles = (files: File[]): void => {
    if (files.length === 0) return;
    setMessage({ text: `Importing ${files.map((f) => f.name).join(', ')}…`, error: false });
    services.importFiles(files).then(
      (tables) =>
        setMessage({
          text: `Imported ${tables.map((t) => `${'table' in t ? t.table : t.name} (${t.rowCount.toLocaleString()} rows)`).join(', ')}`,
          error: false,
        }),
      (error: unknown) =>
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true }),
    );
  };
  const newSqlBlock = (): void => {
    const blocks = canvas.blocks();
    const names = new Set(blocks.flatMap((b) => ('name' in b ? [b.name.toLowerCase()] : [])));
    let n = 1;
    while (names.has(`query_${n}`)) n++;
    const bottom = Math.max(0, ...blocks.map((b) => b.y + b.h));
    canvas.add('sql', { name: `query_${n}`, sql: '', x: 0, y: blocks.length === 0 ? 0 : bottom + 48 });
  };
  return (
    <AppShell header={{ height: 52 }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={4}>Facet</Title>
            <Text c="dimmed" size="sm">
              {project.name}
            </Text>
          </Group>
          <Group gap="xs">
            <FileButton
              onChange={importFiles}
              multiple
              accept=".csv,.tsv,.txt,.parquet,.json,.ndjson,.jsonl,.xlsx,.arrow,.sqlite,.db"
            >
              {(props) => (
                <Button variant="default" size="xs" {...props}>
                  Import data
                </Button>
              )}
            </FileButton>
            <Button size="xs" onClick={newSqlBlock}>
              New SQL block
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main style={{ height: '100vh' }}>
        <div style={{ position: 'absolute', inset: '52px 0 0 0' }}>
          <ReactFlowProvider>
            <CanvasView canvas={canvas} services={services} />
          </ReactFlowProvider>
        </div>
        {message && (
          <Notification
            style={{ position: 'fixed', bottom: 16, right: 16, maxWidth: 420, zIndex: 10 }}
            color={message.error ? 'red' : 'blue'}
            onClose={() => setMessage(undefined)}
            role={message.error ? 'alert' : 'status'}
          >
            {message.text}
          </Notification>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
