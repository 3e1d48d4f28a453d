/**
 * A project's canvas: the toolbar, the data panel, the canvas, the command palette, the history and
 * share dialogs, and the guided tour. Platform work goes through HostApi (`api`).
 */
import { AppShell, Notification, useMantineColorScheme } from '@mantine/core';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import {
  type Block,
  type CanvasDoc,
  duckdbTypeForArrow as duckdbType,
  recommendChart,
} from '@facet/engine/common';
import { CanvasView, DataPanel, TourCard, WelcomeCard } from '@facet/ui';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';
import { saveExport, useShellCommands } from '../platform/use-shell-commands.ts';
import { HistoryDrawer } from './HistoryDrawer.tsx';
import { ImportProgress, type ImportState } from './ImportProgress.tsx';
import { Palette } from './Palette.tsx';
import { ProjectsDrawer } from './ProjectsDrawer.tsx';
import { canvasReport } from './canvas-report.ts';
import { useCollaboration } from './collab/use-collaboration.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { Toolbar } from './Toolbar.tsx';
import { tourAction } from './tour-actions.ts';
import { useCanvasServices } from './use-canvas-services.ts';
import { useControlReruns } from './use-control-reruns.ts';
import { useFileDrop } from './use-file-drop.ts';
import { useTour } from './use-tour.ts';
import { useUndoKeys } from './use-undo-keys.ts';

export interface AppProps {
  api: HostApi;
  project: ProjectSummary;
  canvasId: string;
  canvas: CanvasDoc;
  /** Shows another canvas of the project (a branch, its parent). */
  onOpenCanvas: (id: string) => void;
}

type Message = { text: string; error: boolean } | undefined;

export function App({ api, project, canvasId, canvas, onOpenCanvas }: AppProps) {
  const tour = useTour(api);
  const { complete } = tour;
  const askedRun = useCallback(() => complete('query'), [complete]);
  const { services, lastRun } = useCanvasServices(api, canvasId, askedRun);
  useControlReruns(canvas, services);
  const [message, setMessage] = useState<Message>();
  const [dataVersion, setDataVersion] = useState(0);
  const [open, setOpen] = useState<'projects' | 'history' | 'share' | undefined>();
  const [canvasName, setCanvasName] = useState<string | undefined>();
  useEffect(() => {
    api.canvases.list({ branches: true }).then(
      (list) => setCanvasName(list.find((c) => c.id === canvasId)?.name),
      () => setCanvasName(undefined),
    );
  }, [api, canvasId, open]);
  useUndoKeys(canvas);
  const collab = useCollaboration(api, canvasId, canvas, canvasName ?? project.name, onOpenCanvas);
  const fail = (error: unknown): void =>
    setMessage({ text: error instanceof Error ? error.message : String(error), error: true });

  const imported = (tables: { table: string; rowCount: number }[]): void => {
    const list = tables.map((t) => `${t.table} (${t.rowCount.toLocaleString()} rows)`).join(', ');
    setMessage({ text: `Imported ${list}`, error: false });
    setDataVersion((v) => v + 1);
    complete('import');
  };
  const [importing, setImporting] = useState<ImportState | undefined>();
  const importFiles = useCallback(
    (files: File[]): void => {
      if (files.length === 0) return;
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      const total = files.reduce((sum, f) => sum + f.size, 0);
      setImporting({ fileName: files[0]?.name ?? '', sent: 0, total, importing: false, cancel });
      services
        .importFiles(files, {
          signal: controller.signal,
          onProgress: (progress) => setImporting({ ...progress, cancel }),
        })
        .then(imported, (error: unknown) =>
          controller.signal.aborted
            ? setMessage({ text: 'Import cancelled (files imported before it are kept).', error: false })
            : fail(error),
        )
        .finally(() => {
          setImporting(undefined);
          // Files imported before a cancel or a failure stay: the data panel shows them.
          setDataVersion((v) => v + 1);
        });
    },
    [services],
  );
  const dragging = useFileDrop(importFiles);
  const below = (): number => {
    const blocks = canvas.blocks();
    return blocks.length === 0 ? 0 : Math.max(...blocks.map((b) => b.y + b.h)) + 48;
  };
  const newSqlBlock = (sql = ''): string => {
    const names = new Set(canvas.blocks().flatMap((b) => ('name' in b ? [b.name.toLowerCase()] : [])));
    let n = 1;
    while (names.has(`query_${n}`)) n++;
    return canvas.add('sql', { name: `query_${n}`, sql, x: 0, y: below() });
  };
  const newNote = (): void => void canvas.add('text', { text: '', x: 0, y: below() });
  /** Charts the selected SQL block's result, or the block run last. */
  const newChart = (selected: string[], reveal: () => void): void => {
    const block = pickSqlBlock(canvas, selected, lastRun.current);
    if (!block) {
      setMessage({ text: 'Select a SQL block (or run one) to chart its result.', error: true });
      return;
    }
    services.runBlock(block.name).then((run) => {
      const columns = run.table.schema.fields.map((f) => ({ name: f.name, type: duckdbType(f.type) }));
      const spec = recommendChart(columns, run.rowCount);
      if (!spec) {
        setMessage({ text: `The result of ${block.name} has no numbers to chart.`, error: true });
        return;
      }
      canvas.add('chart', { source: block.name, spec: { ...spec }, x: block.x + block.w + 48, y: block.y });
      complete('chart');
      reveal();
    }, fail);
  };
  /** A metric of the selected (or last run) block's first numeric column. */
  const newMetric = (selected: string[]): void => {
    const block = pickSqlBlock(canvas, selected, lastRun.current);
    if (!block) {
      setMessage({ text: 'Select a SQL block (or run one) to make a metric of its result.', error: true });
      return;
    }
    services.runBlock(block.name).then((run) => {
      const numeric = run.table.schema.fields.find((f) =>
        ['DOUBLE', 'FLOAT', 'BIGINT', 'INTEGER', 'DECIMAL', 'HUGEINT', 'SMALLINT', 'TINYINT'].some((t) =>
          duckdbType(f.type).startsWith(t),
        ),
      );
      if (!numeric) {
        setMessage({ text: `The result of ${block.name} has no numbers for a metric.`, error: true });
        return;
      }
      canvas.add('metric', {
        source: block.name,
        column: numeric.name,
        x: block.x + block.w + 48,
        y: block.y,
      });
    }, fail);
  };
  const newControl = (): void => {
    const names = new Set(canvas.blocks().flatMap((b) => ('name' in b ? [b.name.toLowerCase()] : [])));
    let n = 1;
    while (names.has(`param_${n}`)) n++;
    canvas.add('control', { name: `param_${n}`, control: 'text', value: null, x: 0, y: below() });
  };
  // The desktop shell's menus (a no-op in a browser).
  const { setColorScheme } = useMantineColorScheme();
  useShellCommands({
    undo: () => canvas.undo(),
    redo: () => canvas.redo(),
    setTheme: setColorScheme,
    importStarted: (names) => setMessage({ text: `Importing ${names.join(', ')}…`, error: false }),
    importFinished: ({ tables, errors }) => {
      if (tables.length > 0) imported(tables);
      if (errors.length > 0)
        setMessage({ text: errors.map((e) => `${e.fileName}: ${e.message}`).join('\n'), error: true });
    },
    export: () => {
      const block = pickSqlBlock(canvas, [], lastRun.current);
      if (!block) return setMessage({ text: 'Run a SQL block to export its result.', error: true });
      void saveExport(canvasId, block.name).then((reply) => {
        if (!reply || 'cancelled' in reply) return;
        if ('error' in reply) fail(new Error(reply.error.message));
        else setMessage({ text: `Exported ${block.name} to ${reply.saved}`, error: false });
      });
    },
  });
  const openShare = (): void => {
    setOpen('share');
    complete('share');
  };
  const actions = {
    openProjects: () => setOpen('projects'),
    importFiles,
    newSqlBlock: () => void newSqlBlock(),
    newChart,
    newNote,
    newMetric,
    newControl,
    openHistory: () => setOpen('history'),
    openShare,
    ...(tour.finished ? {} : { resumeTour: tour.resume }),
  };
  const step = tour.step;
  return (
    <ReactFlowProvider>
      <AppShell header={{ height: 52 }} navbar={{ width: 260, breakpoint: 0 }} padding={0}>
        <AppShell.Header>
          <Toolbar
            projectName={project.name}
            canvasName={canvasName}
            canvas={canvas}
            actions={actions}
            collab={collab.toolbar}
          />
          <Palette api={api} canvas={canvas} actions={actions} />
        </AppShell.Header>
        <ProjectsDrawer
          api={api}
          current={project}
          opened={open === 'projects'}
          onClose={() => setOpen(undefined)}
        />
        <HistoryDrawer
          api={api}
          canvasId={canvasId}
          opened={open === 'history'}
          onClose={() => setOpen(undefined)}
          onOpenCanvas={onOpenCanvas}
        />
        <ShareDialog
          opened={open === 'share'}
          onClose={() => setOpen(undefined)}
          makePdf={() => canvasReport(canvasName ?? project.name, canvas, services)}
          collaborate={collab.collaborate}
          initialTab={collab.shareTab}
        />
        <AppShell.Navbar>
          <DataPanel services={services} version={dataVersion} />
        </AppShell.Navbar>
        <AppShell.Main style={{ height: '100vh' }}>
          <div style={{ position: 'absolute', inset: '52px 0 0 260px' }}>
            <CanvasView canvas={canvas} services={services} overlay={collab.overlay} />
          </div>
          {tour.welcome && (
            <WelcomeCard
              onStart={tour.start}
              onSkip={tour.skip}
              onSample={() => void api.projects.createSample().then(() => location.reload(), fail)}
            />
          )}
          {step && (
            <TourCard
              step={step}
              onNext={() => complete(step.id)}
              onSkip={tour.skip}
              {...tourAction(step.id, {
                api,
                canvas,
                newSqlBlock,
                imported,
                fail,
              })}
            />
          )}
          {importing && <ImportProgress state={importing} />}
          {dragging && (
            <div className="facet-drop-target" aria-hidden>
              Drop files to import them
            </div>
          )}
          {message && (
            <Notification
              style={{ position: 'fixed', bottom: 16, right: 16, maxWidth: 420, zIndex: 30 }}
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

/** The selected SQL block, else the one run last. */
function pickSqlBlock(
  canvas: CanvasDoc,
  selected: string[],
  lastRun: string | undefined,
): Block<'sql'> | undefined {
  const sqlBlocks = canvas.blocks().filter((b): b is Block<'sql'> => b.type === 'sql');
  return (
    sqlBlocks.find((b) => selected.includes(b.id)) ??
    sqlBlocks.find((b) => b.name.toLowerCase() === lastRun?.toLowerCase())
  );
}
