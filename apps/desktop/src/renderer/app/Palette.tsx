/** Ctrl/Cmd+K: the toolbar's commands, plus search over the project; picking a block shows it. */
import { useMantineColorScheme } from '@mantine/core';
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { CanvasDoc } from '@facet/engine/common';
import { CommandPalette } from '@facet/ui';
import type { HostApi } from '../../shared/host-api.ts';
import type { ToolbarActions } from './Toolbar.tsx';

export function Palette({
  api,
  canvas,
  actions,
}: {
  api: HostApi;
  canvas: CanvasDoc;
  actions: ToolbarActions;
}) {
  const flow = useReactFlow();
  const { toggleColorScheme } = useMantineColorScheme();
  const reveal = (): void => void setTimeout(() => void flow.fitView({ duration: 200, maxZoom: 1 }), 50);
  const selected = (): string[] =>
    flow
      .getNodes()
      .filter((n) => n.selected)
      .map((n) => n.id);
  const commands = [
    { label: 'New SQL block', run: actions.newSqlBlock },
    { label: 'New chart', run: () => actions.newChart(selected(), reveal) },
    { label: 'New note', run: actions.newNote },
    { label: 'New metric', run: () => actions.newMetric(selected()) },
    { label: 'New control', run: actions.newControl },
    { label: 'Undo', run: () => void canvas.undo() },
    { label: 'Redo', run: () => void canvas.redo() },
    { label: 'History', run: actions.openHistory },
    { label: 'Share', run: actions.openShare },
    { label: 'Projects', run: actions.openProjects },
    ...(actions.resumeTour ? [{ label: 'Resume the tour', run: actions.resumeTour }] : []),
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
