/**
 * A SQL block on the canvas: its name, the editor, Run (Ctrl/Cmd+Enter), the run's time and row
 * count or its error, and the result grid.
 */
import { Badge, Button, Group, Menu, Text } from '@mantine/core';
import type { Table } from 'apache-arrow';
import { useCallback, useRef, useState } from 'react';
import type { Block } from '@facet/engine/common';
import { SqlEditor } from '../editor/SqlEditor.tsx';
import { ResultGrid } from '../grid/ResultGrid.tsx';
import type { CanvasServices, ExportFormat } from '../services.ts';
import type { BlockNodeProps } from './block-node.ts';

type RunState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; table: Table; rowCount: number; elapsedMs: number; cached: boolean }
  | { status: 'error'; message: string };

export function SqlBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'sql'>;
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  const start = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setRun({ status: 'running' });
    data.services.runBlock(block.name, current.signal).then(
      (result) => {
        if (controller.current === current) setRun({ status: 'done', ...result });
      },
      (error: unknown) => {
        if (controller.current === current) {
          setRun({ status: 'error', message: error instanceof Error ? error.message : String(error) });
        }
      },
    );
  }, [block.name, data.services]);
  const text = data.canvas.sharedText(block.id, 'sql');
  const gridHeight = Math.max(80, block.h - 230);
  return (
    <div className="facet-block facet-sql-block" style={{ width: block.w, height: block.h }}>
      <Group className="facet-block-header" justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          {block.title || block.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <RunStatus run={run} />
          <ExportMenu services={data.services} block={block.name} />
          <Button size="compact-xs" onClick={start} loading={run.status === 'running'} aria-label="Run">
            Run
          </Button>
        </Group>
      </Group>
      <SqlEditor text={text} onRun={start} />
      {run.status === 'error' && (
        <Text className="facet-block-error" size="xs" c="red" role="alert">
          {run.message}
        </Text>
      )}
      {run.status === 'done' && <ResultGrid table={run.table} height={gridHeight} />}
      {run.status === 'idle' && (
        <Text size="xs" c="dimmed" className="facet-block-hint">
          Write SQL over your tables or other blocks by name, then press Run (Ctrl+Enter).
        </Text>
      )}
    </div>
  );
}

const FORMATS: { format: ExportFormat; label: string; type: string }[] = [
  { format: 'csv', label: 'CSV', type: 'text/csv' },
  {
    format: 'xlsx',
    label: 'Excel (.xlsx)',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  { format: 'parquet', label: 'Parquet', type: 'application/vnd.apache.parquet' },
  { format: 'json', label: 'JSON', type: 'application/json' },
];

/** "Export": the block's result as a file, downloaded by the browser. */
function ExportMenu({ services, block }: { services: CanvasServices; block: string }) {
  const download = (format: ExportFormat, type: string): void => {
    services.exportBlock(block, format).then(
      ({ fileName, bytes }) => {
        const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      (error: unknown) => console.error(error),
    );
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-xs" variant="default">
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {FORMATS.map((f) => (
          <Menu.Item key={f.format} onClick={() => download(f.format, f.type)}>
            {f.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function RunStatus({ run }: { run: RunState }) {
  if (run.status !== 'done') return null;
  return (
    <Badge size="sm" variant="light" color="gray">
      {run.rowCount.toLocaleString()} {run.rowCount === 1 ? 'row' : 'rows'} · {Math.round(run.elapsedMs)} ms
      {run.cached ? ' · cached' : ''}
    </Badge>
  );
}
