/**
 * The header: the project menu and the canvas's commands. Buttons carry the accessible names tests
 * and assistive tech use ("Import data", "New SQL block", "New chart", "Share", …) and `data-tour`
 * marks for the guided tour.
 */
import {
  ActionIcon,
  Button,
  FileButton,
  Group,
  Menu,
  Text,
  Title,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { useReactFlow } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { CanvasDoc } from '@facet/engine/common';

export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.parquet,.json,.ndjson,.jsonl,.xlsx,.arrow,.sqlite,.db';

export interface ToolbarActions {
  openProjects: () => void;
  importFiles: (files: File[]) => void;
  newSqlBlock: () => void;
  newChart: (selected: string[], reveal: () => void) => void;
  newNote: () => void;
  newMetric: (selected: string[]) => void;
  newControl: () => void;
  openHistory: () => void;
  openShare: () => void;
  /** Shown while the tour is dismissed or unfinished. */
  resumeTour?: () => void;
}

export function Toolbar({
  projectName,
  canvasName,
  canvas,
  actions,
  collab,
}: {
  projectName: string;
  canvasName: string | undefined;
  canvas: CanvasDoc;
  actions: ToolbarActions;
  /** Live collaboration's status (people, connection), shown before Share. */
  collab?: ReactNode;
}) {
  const flow = useReactFlow();
  const selected = (): string[] =>
    flow
      .getNodes()
      .filter((n) => n.selected)
      .map((n) => n.id);
  // Once a new block is drawn, bring everything into view (it may land off screen).
  const reveal = (): void => void setTimeout(() => void flow.fitView({ duration: 200, maxZoom: 1 }), 50);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Title order={4}>Facet</Title>
        <Button
          variant="subtle"
          size="compact-sm"
          color="gray"
          onClick={actions.openProjects}
          aria-label="Projects"
        >
          {projectName} ▾
        </Button>
        {canvasName && (
          <Text size="sm" c="dimmed" truncate maw={240}>
            {canvasName}
          </Text>
        )}
        <Tooltip label="Versions, changes and branches">
          <Button variant="subtle" size="compact-sm" onClick={actions.openHistory}>
            History
          </Button>
        </Tooltip>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <FileButton onChange={actions.importFiles} multiple accept={IMPORT_ACCEPT}>
          {(props) => (
            <Button variant="default" size="xs" data-tour="import" {...props}>
              Import data
            </Button>
          )}
        </FileButton>
        <Button size="xs" onClick={actions.newSqlBlock} data-tour="query">
          New SQL block
        </Button>
        <Button
          size="xs"
          variant="light"
          data-tour="chart"
          onClick={() => actions.newChart(selected(), reveal)}
        >
          New chart
        </Button>
        <Button size="xs" variant="default" onClick={actions.newNote}>
          New note
        </Button>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="default" aria-label="More blocks">
              More ▾
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => actions.newMetric(selected())}>
              Metric (from the selected block)
            </Menu.Item>
            <Menu.Item onClick={actions.newControl}>Control (a parameter for SQL)</Menu.Item>
          </Menu.Dropdown>
        </Menu>
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
        {collab}
        <Button size="xs" variant="filled" color="teal" onClick={actions.openShare} data-tour="share">
          Share
        </Button>
        {actions.resumeTour && (
          <Tooltip label="Resume the tour">
            <ActionIcon variant="subtle" aria-label="Resume the tour" onClick={actions.resumeTour}>
              ?
            </ActionIcon>
          </Tooltip>
        )}
        <ThemeToggle />
      </Group>
    </Group>
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
