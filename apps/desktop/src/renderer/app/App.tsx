/** The desktop renderer: a toolbar over the project's first canvas. */
import {
  ActionIcon,
  AppShell,
  Button,
  FileButton,
  Group,
  Notification,
  Title,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import {
  type Block,
  type CanvasDoc,
  duckdbTypeForArrow as duckdbType,
  recommendChart,
} from '@facet/engine/common';
import { CanvasView, type CanvasServices, CommandPalette, DataPanel } from '@facet/ui';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';
import { hostServices } from './host-services.ts';
import { ProjectsDrawer } from './ProjectsDrawer.tsx';
import { useUndoKeys } from './use-undo-keys.ts';

export interface AppProps {
  api: HostApi;
  project: ProjectSummary;
  canvasId: string;
  canvas: CanvasDoc;
}

export function App({ api, project, canvasId, canvas }: AppProps) {
  const lastRun = useRef<string | undefined>(undefined);
  const services = useMemo<CanvasServices>(() => {
    const inner = hostServices(api, canvasId);
    return {
      ...inner,
      runBlock: (name, signal) => {
        lastRun.current = name;
        return inner.runBlock(name, signal);
      },
    };
  }, [api, canvasId]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [dataVersion, setDataVersion] = useState(0);
  const [projectsOpen, setProjectsOpen] = useState(false);
  useUndoKeys(canvas);
  const importFiles = (files: File[]): void => {
    if (files.length === 0) return;
    setMessage({ text: `Importing ${files.map((f) => f.name).join(', ')}…`, error: false });
    services.importFiles(files).then(
      (tables) => {
        const list = tables.map((t) => `${t.table} (${t.rowCount.toLocaleString()} rows)`).join(', ');
        setMessage({ text: `Imported ${list}`, error: false });
        setDataVersion((v) => v + 1);
      },
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
  const newNote = (): void => {
    const blocks = canvas.blocks();
    const bottom = Math.max(0, ...blocks.map((b) => b.y + b.h));
    canvas.add('text', { text: '', x: 0, y: blocks.length === 0 ? 0 : bottom + 48 });
  };
  /** Charts the selected SQL block's result, or the block run last. */
  const newChart = (selected: string[], reveal: () => void): void => {
    const sqlBlocks = canvas.blocks().filter((b): b is Block<'sql'> => b.type === 'sql');
    const block =
      sqlBlocks.find((b) => selected.includes(b.id)) ??
      sqlBlocks.find((b) => b.name.toLowerCase() === lastRun.current?.toLowerCase());
    if (!block) {
      setMessage({ text: 'Select a SQL block (or run one) to chart its result.', error: true });
      return;
    }
    services.runBlock(block.name).then(
      (run) => {
        const columns = run.table.schema.fields.map((f) => ({ name: f.name, type: duckdbType(f.type) }));
        const spec = recommendChart(columns, run.rowCount);
        if (!spec) {
          setMessage({ text: `The result of ${block.name} has no numbers to chart.`, error: true });
          return;
        }
        canvas.add('chart', { source: block.name, spec: { ...spec }, x: block.x + block.w + 48, y: block.y });
        reveal();
      },
      (error: unknown) =>
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true }),
    );
  };
  return (
    <ReactFlowProvider>
      <AppShell header={{ height: 52 }} navbar={{ width: 260, breakpoint: 0 }} padding={0}>
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="sm">
              <Title order={4}>Facet</Title>
              <Button
                variant="subtle"
                size="compact-sm"
                color="gray"
                onClick={() => setProjectsOpen(true)}
                aria-label="Projects"
              >
                {project.name} ▾
              </Button>
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
              <NewChartButton onClick={newChart} />
              <Button size="xs" variant="default" onClick={newNote}>
                New note
              </Button>
              <Tooltip label="Undo (Ctrl+Z)">
                <ActionIcon variant="subtle" aria-label="Undo" onClick={() => canvas.undo()}>
                  ↶
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Redo (Ctrl+Shift+Z)">
                <ActionIcon variant="subtle" aria-label="Redo" onClick={() => canvas.redo()}>
                  ↷
                </ActionIcon>
              </Tooltip>
              <ThemeToggle />
            </Group>
            <Palette api={api} canvas={canvas} actions={{ newSqlBlock, newNote, newChart }} />
          </Group>
        </AppShell.Header>
        <ProjectsDrawer
          api={api}
          current={project}
          opened={projectsOpen}
          onClose={() => setProjectsOpen(false)}
        />
        <AppShell.Navbar>
          <DataPanel services={services} version={dataVersion} />
        </AppShell.Navbar>
        <AppShell.Main style={{ height: '100vh' }}>
          <div style={{ position: 'absolute', inset: '52px 0 0 260px' }}>
            <CanvasView canvas={canvas} services={services} />
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
    </ReactFlowProvider>
  );
}

/** Ctrl/Cmd+K: the commands above, plus search over the project; picking a block shows it. */
function Palette({
  api,
  canvas,
  actions,
}: {
  api: HostApi;
  canvas: CanvasDoc;
  actions: {
    newSqlBlock: () => void;
    newNote: () => void;
    newChart: (selected: string[], reveal: () => void) => void;
  };
}) {
  const flow = useReactFlow();
  const { toggleColorScheme } = useMantineColorScheme();
  const reveal = (): void => void setTimeout(() => void flow.fitView({ duration: 200, maxZoom: 1 }), 50);
  const commands = [
    { label: 'New SQL block', run: actions.newSqlBlock },
    {
      label: 'New chart',
      run: () =>
        actions.newChart(
          flow
            .getNodes()
            .filter((n) => n.selected)
            .map((n) => n.id),
          reveal,
        ),
    },
    { label: 'New note', run: actions.newNote },
    { label: 'Undo', run: () => void canvas.undo() },
    { label: 'Redo', run: () => void canvas.redo() },
    { label: 'Toggle theme', run: toggleColorScheme },
  ];
  const search = useMemo(() => (text: string) => api.search.query(text, 20), [api]);
  return (
    <CommandPalette
      commands={commands}
      search={search}
      onPick={(hit) => {
        const block = hit.kind === 'block' ? canvas.block(hit.ref) : undefined;
        if (!block) return;
        flow.setNodes((nodes) => nodes.map((n) => ({ ...n, selected: n.id === block.id })));
        void flow.setCenter(block.x + block.w / 2, block.y + block.h / 2, { zoom: 1, duration: 300 });
      }}
    />
  );
}

function ThemeToggle() {
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  return (
    <Tooltip label={colorScheme === 'dark' ? 'Light theme' : 'Dark theme'}>
      <ActionIcon variant="subtle" aria-label="Toggle theme" onClick={toggleColorScheme}>
        {colorScheme === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

/** "New chart": inside the canvas's provider, so it can see which blocks are selected. */
function NewChartButton({ onClick }: { onClick: (selected: string[], reveal: () => void) => void }) {
  const flow = useReactFlow();
  // Once the new block is drawn, bring everything into view (it may land off screen).
  const reveal = (): void => void setTimeout(() => void flow.fitView({ duration: 200, maxZoom: 1 }), 50);
  return (
    <Button
      size="xs"
      variant="light"
      onClick={() =>
        onClick(
          flow
            .getNodes()
            .filter((n) => n.selected)
            .map((n) => n.id),
          reveal,
        )
      }
    >
      New chart
    </Button>
  );
}
