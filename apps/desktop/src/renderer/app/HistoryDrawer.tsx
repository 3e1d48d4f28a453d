/**
 * History of the canvas in view: save a named version, see what changed since any version, restore
 * it (a forward change, undoable), branch from it, and — on a branch — merge back with a report of
 * blocks changed on both sides.
 */
import { Badge, Button, Drawer, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { DiffView } from '@facet/ui';
import type { CanvasSummary, HostApi, VersionDiffReply, VersionSummary } from '../../shared/host-api.ts';

export interface HistoryDrawerProps {
  api: HostApi;
  canvasId: string;
  opened: boolean;
  onClose: () => void;
  onOpenCanvas: (id: string) => void;
}

export function HistoryDrawer({ api, canvasId, opened, onClose, onOpenCanvas }: HistoryDrawerProps) {
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [canvases, setCanvases] = useState<CanvasSummary[]>([]);
  const [message, setMessage] = useState('');
  const [selected, setSelected] = useState<string | undefined>();
  const [diff, setDiff] = useState<VersionDiffReply | undefined>();
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>();
  const fail = (e: unknown): void =>
    setNote({ text: e instanceof Error ? e.message : String(e), error: true });
  const refresh = useCallback((): void => {
    Promise.all([api.versions.list(canvasId), api.canvases.list({ branches: true })]).then(([v, c]) => {
      setVersions([...v].sort((a, b) => b.createdAt - a.createdAt));
      setCanvases(c);
    }, fail);
  }, [api, canvasId]);
  useEffect(() => {
    if (opened) refresh();
  }, [opened, refresh]);
  useEffect(() => {
    setDiff(undefined);
    if (selected) api.versions.diff(canvasId, selected).then(setDiff, fail);
  }, [api, canvasId, selected]);

  const current = canvases.find((c) => c.id === canvasId);
  const parent = current?.branchOf ? canvases.find((c) => c.id === current.branchOf) : undefined;
  const branches = canvases.filter((c) => c.branchOf === canvasId);
  const save = (): void => {
    api.versions.create(canvasId, { message: message.trim() }).then(() => {
      setMessage('');
      setNote({ text: 'Version saved.', error: false });
      refresh();
    }, fail);
  };
  const restore = (v: VersionSummary): void => {
    api.versions.restore(canvasId, v.id).then(() => {
      setNote({ text: `Restored "${v.message}". Undo brings the canvas back.`, error: false });
      setSelected(undefined);
      refresh();
    }, fail);
  };
  const branch = (v: VersionSummary): void => {
    const name = prompt('Name of the branch', `${current?.name ?? 'Canvas'} — ${v.message}`.slice(0, 80));
    if (name?.trim()) api.branches.fork(canvasId, name.trim(), v.id).then((b) => onOpenCanvas(b.id), fail);
  };
  const merge = (): void => {
    if (!parent) return;
    api.branches.merge(canvasId).then(({ report }) => {
      const conflicts = report.conflicts.map((c) => c.label).join(', ');
      alert(
        `Merged into ${parent.name}: ${report.fromBranch.length} block(s) brought in.` +
          (conflicts ? ` Changed on both sides (check them): ${conflicts}.` : ''),
      );
      onOpenCanvas(parent.id);
    }, fail);
  };

  return (
    <Drawer opened={opened} onClose={onClose} title="History" position="right" size="lg">
      <Stack gap="sm">
        {current?.branchOf && (
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              This is a branch of <b>{parent?.name ?? 'a canvas'}</b>
              {current.mergedAt ? ' (merged)' : ''}.
            </Text>
            <Group gap={4}>
              {parent && (
                <Button size="compact-sm" variant="default" onClick={() => onOpenCanvas(parent.id)}>
                  Open {parent.name}
                </Button>
              )}
              <Button size="compact-sm" disabled={!parent || !!current.mergedAt} onClick={merge}>
                Merge into {parent?.name ?? 'parent'}
              </Button>
            </Group>
          </Group>
        )}
        <Group align="end" wrap="nowrap">
          <TextInput
            label="Save a version"
            placeholder="What changed?"
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && message.trim() && save()}
            style={{ flex: 1 }}
          />
          <Button disabled={!message.trim()} onClick={save}>
            Save version
          </Button>
        </Group>
        {note && (
          <Text size="sm" c={note.error ? 'red' : 'teal'} role={note.error ? 'alert' : 'status'}>
            {note.text}
          </Text>
        )}
        {branches.length > 0 && (
          <Stack gap={4} aria-label="Branches">
            <Text fw={600} size="sm">
              Branches
            </Text>
            {branches.map((b) => (
              <Group key={b.id} justify="space-between" wrap="nowrap">
                <Text size="sm" truncate>
                  {b.name}
                  {b.mergedAt ? ' (merged)' : ''}
                </Text>
                <Button size="compact-xs" variant="light" onClick={() => onOpenCanvas(b.id)}>
                  Open
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <Text fw={600} size="sm">
          Versions
        </Text>
        {versions.length === 0 && (
          <Text size="sm" c="dimmed">
            No versions yet. Save one above; Facet also saves one every few minutes while you edit.
          </Text>
        )}
        <ScrollArea.Autosize mah="40vh">
          <Stack gap={4} role="list" aria-label="Versions">
            {versions.map((v) => (
              <Group
                key={v.id}
                role="listitem"
                aria-label={v.message}
                justify="space-between"
                wrap="nowrap"
                className={selected === v.id ? 'facet-selected-row' : undefined}
              >
                <Stack gap={0} style={{ minWidth: 0, cursor: 'pointer' }} onClick={() => setSelected(v.id)}>
                  <Text size="sm" truncate>
                    <Badge size="xs" variant="light" mr={6}>
                      {v.kind}
                    </Badge>
                    {v.message}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {new Date(v.createdAt).toLocaleString()} · {v.author}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setSelected(v.id)}>
                    Changes
                  </Button>
                  <Button size="compact-xs" variant="subtle" onClick={() => branch(v)}>
                    Branch
                  </Button>
                  <Button size="compact-xs" variant="light" onClick={() => restore(v)}>
                    Restore
                  </Button>
                </Group>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        {selected && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              Changes since this version
            </Text>
            {diff ? <DiffView diff={diff} results={diff.results} /> : <Text size="sm">Comparing…</Text>}
          </Stack>
        )}
      </Stack>
    </Drawer>
  );
}
