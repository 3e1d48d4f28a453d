/** An import under way: which file, how much is sent, and Cancel (nothing of it is kept). */
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';

export interface ImportState {
  fileName: string;
  sent: number;
  total: number;
  importing: boolean;
  cancel: () => void;
}

export function ImportProgress({ state }: { state: ImportState }) {
  const percent = state.total > 0 ? Math.round((state.sent / state.total) * 100) : 100;
  return (
    <Paper className="facet-import-progress" shadow="md" p="sm" withBorder role="status" aria-label="Import">
      <Stack gap={6}>
        <Text size="sm" truncate>
          {state.importing ? `Reading ${state.fileName}…` : `Sending ${state.fileName}… ${percent}%`}
        </Text>
        <Progress
          value={state.importing ? 100 : percent}
          animated={state.importing}
          aria-label="Import progress"
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {formatBytes(state.sent)} of {formatBytes(state.total)}
          </Text>
          {/* Once sent, the file is being read into the project: that step cannot be stopped. */}
          {!state.importing && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={state.cancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
