/**
 * A SQL block on the canvas: its name, the editor (completion, Format SQL / Shift+Alt+F), Run
 * (Ctrl/Cmd+Enter) that becomes Cancel while it runs, the run's row count and time or its error
 * (underlined in the editor where DuckDB pointed), and the result grid.
 */
import { Badge, Button, Group, Menu, Text } from '@mantine/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Block } from '@facet/engine/common';
import type { CodeEditorHandle } from '../editor/CodeEditor.tsx';
import type { EditorError } from '../editor/error-marks.ts';
import { tokenRange } from '../editor/error-range.ts';
import { formatEditor } from '../editor/format-sql.ts';
import { SqlEditor } from '../editor/SqlEditor.tsx';
import { type BlockRun, useBlockRun } from '../editor/use-block-run.ts';
import { useCompletionSchema } from '../editor/use-completion-schema.ts';
import { ResultGrid } from '../grid/ResultGrid.tsx';
import type { CanvasServices, ExportFormat } from '../services.ts';
import type { BlockNodeProps } from './block-node.ts';
import { downloadFile } from '../download-file.ts';

export function SqlBlockNode({ data }: BlockNodeProps) {
  const block = data.block as Block<'sql'>;
  const text = data.canvas.sharedText(block.id, 'sql');
  const { schema, refresh } = useCompletionSchema(data.services, data.canvas, block.name);
  const { run, start, cancel } = useBlockRun(data.services, data.canvas, block.name, text, refresh);
  const editor = useRef<CodeEditorHandle | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  const errorId = useId();
  const error = run.error;
  // Underlined only when the error is in this block (not in a block it reads).
  const where =
    error?.location && error.location.block.toLowerCase() === block.name.toLowerCase()
      ? tokenRange(text.toString(), error.location.position)
      : undefined;
  // One object per error, so the editor is told only when the error itself changes.
  const [from, to, message] = [where?.from, where?.to, error?.message];
  const editorError = useMemo<EditorError | undefined>(
    () =>
      from !== undefined && to !== undefined && message !== undefined
        ? { from, to, message, describedBy: errorId }
        : undefined,
    [from, to, message, errorId],
  );
  // "Cannot format" is about the text as it was.
  useEffect(() => {
    if (notice === undefined) return undefined;
    const clear = (): void => setNotice(undefined);
    text.observe(clear);
    return () => text.unobserve(clear);
  }, [notice, text]);
  const format = (): void => {
    const view = editor.current?.view;
    if (!view) return;
    setNotice(formatEditor(view));
    view.focus();
  };
  return (
    <div className="facet-block facet-sql-block" style={{ width: block.w, height: block.h }}>
      <Group className="facet-block-header" justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          {block.title || block.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <RunStatus run={run} />
          <Button size="compact-xs" variant="subtle" onClick={format} title="Format SQL (Shift+Alt+F)">
            Format SQL
          </Button>
          <ExportMenu services={data.services} block={block.name} />
          {run.phase === 'running' ? (
            <Button size="compact-xs" color="red" variant="light" onClick={cancel}>
              Cancel
            </Button>
          ) : (
            <Button size="compact-xs" onClick={start} title="Run (Ctrl+Enter)">
              Run
            </Button>
          )}
        </Group>
      </Group>
      <SqlEditor
        text={text}
        onRun={start}
        schema={schema}
        error={editorError}
        onFormatError={setNotice}
        onFocus={refresh}
        onEditor={(handle) => (editor.current = handle)}
      />
      {error && (
        <Text
          id={errorId}
          className="facet-block-error"
          size="xs"
          c="red"
          role="alert"
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {error.message}
        </Text>
      )}
      {notice && (
        <Text className="facet-block-error" size="xs" c="orange" role="status">
          {notice}
        </Text>
      )}
      {run.result && <ResultGrid table={run.result.table} label={`Result of ${block.name}`} />}
      {run.phase === 'idle' && !run.result && (
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
      ({ fileName, bytes }) => downloadFile(bytes, fileName, type),
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

/** "Running…", or the last run's row count and time ("1,234 rows · 56 ms", "· cached"). */
function RunStatus({ run }: { run: BlockRun }) {
  const result = run.result;
  const label =
    run.phase === 'running'
      ? 'Running…'
      : run.phase === 'cancelled'
        ? 'Cancelled'
        : run.phase === 'done' && result
          ? `${result.rowCount.toLocaleString()} ${result.rowCount === 1 ? 'row' : 'rows'} · ${
              result.cached ? 'cached' : formatElapsed(result.elapsedMs)
            }`
          : undefined;
  if (!label) return null;
  return (
    <Badge
      size="sm"
      variant="light"
      color={run.phase === 'cancelled' ? 'orange' : 'gray'}
      role="status"
      tt="none"
    >
      {label}
    </Badge>
  );
}

function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
