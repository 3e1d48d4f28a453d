/**
 * The user's projects (recent first) with open, rename, duplicate and delete (confirmed). Used by
 * Home and by the Projects drawer; what opening does is up to the caller.
 */
import { Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ProjectSummary } from '../../shared/host-api.ts';

export interface ProjectListProps {
  projects: readonly ProjectSummary[];
  /** The open project's folder, if any. */
  current?: string;
  onOpen: (project: ProjectSummary) => void;
  onRename: (project: ProjectSummary, name: string) => void;
  onDuplicate: (project: ProjectSummary) => void;
  onDelete: (project: ProjectSummary) => void;
}

export function ProjectList({
  projects,
  current,
  onOpen,
  onRename,
  onDuplicate,
  onDelete,
}: ProjectListProps) {
  const [confirming, setConfirming] = useState<string | undefined>();
  if (projects.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No projects yet. Create one, or open the sample project to look around.
      </Text>
    );
  }
  return (
    <Stack gap={4} role="list" aria-label="Projects">
      {projects.map((project) => (
        <Group
          key={project.dir}
          role="listitem"
          justify="space-between"
          wrap="nowrap"
          aria-label={project.name}
        >
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={project.dir === current ? 700 : 500} truncate>
              {project.name}
              {project.dir === current ? ' (open)' : ''}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {project.openedAt ? `Opened ${new Date(project.openedAt).toLocaleString()} · ` : ''}
              {project.dir}
            </Text>
          </Stack>
          {confirming === project.dir ? (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-xs"
                color="red"
                onClick={() => {
                  setConfirming(undefined);
                  onDelete(project);
                }}
              >
                Delete for good
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setConfirming(undefined)}>
                Keep
              </Button>
            </Group>
          ) : (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-xs"
                variant="light"
                disabled={project.dir === current}
                onClick={() => onOpen(project)}
              >
                Open
              </Button>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button size="compact-xs" variant="subtle" aria-label={`More for ${project.name}`}>
                    …
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    onClick={() => {
                      const next = prompt('Rename project', project.name);
                      if (next?.trim()) onRename(project, next.trim());
                    }}
                  >
                    Rename
                  </Menu.Item>
                  <Menu.Item onClick={() => onDuplicate(project)}>Duplicate</Menu.Item>
                  <Menu.Item color="red" onClick={() => setConfirming(project.dir)}>
                    Delete…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
        </Group>
      ))}
    </Stack>
  );
}
