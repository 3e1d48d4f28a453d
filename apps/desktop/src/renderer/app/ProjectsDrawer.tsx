/**
 * Home: the user's projects (recent first) with open, rename, duplicate and delete (confirmed),
 * and "New project". Opening or creating switches the host's project, and the page reloads into it.
 */
import { Button, Drawer, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';

export interface ProjectsDrawerProps {
  api: HostApi;
  current: ProjectSummary;
  opened: boolean;
  onClose: () => void;
}

export function ProjectsDrawer({ api, current, opened, onClose }: ProjectsDrawerProps) {
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const refresh = (): void => {
    api.projects
      .list()
      .then(setProjects, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  };
  useEffect(() => {
    if (opened) refresh();
  }, [opened]);
  const act = (work: Promise<unknown>, reload = false): void => {
    setError(undefined);
    work.then(
      () => (reload ? location.reload() : refresh()),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <Drawer opened={opened} onClose={onClose} title="Projects" position="left" size="md">
      <Stack gap="sm">
        <Group align="end" wrap="nowrap">
          <TextInput
            label="New project"
            placeholder="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            disabled={!name.trim()}
            onClick={() => act(api.projects.create({ name: name.trim() }), true)}
          >
            Create
          </Button>
        </Group>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
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
                <Text size="sm" fw={project.dir === current.dir ? 700 : 500} truncate>
                  {project.name}
                  {project.dir === current.dir ? ' (open)' : ''}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {project.dir}
                </Text>
              </Stack>
              {confirming === project.dir ? (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    color="red"
                    onClick={() => act(api.projects.delete(project.dir), project.dir === current.dir)}
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
                    disabled={project.dir === current.dir}
                    onClick={() => act(api.projects.open(project.dir), true)}
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
                          if (next?.trim())
                            act(api.projects.rename(project.dir, next.trim()), project.dir === current.dir);
                        }}
                      >
                        Rename
                      </Menu.Item>
                      <Menu.Item
                        onClick={() => act(api.projects.duplicate(project.dir, `${project.name} copy`))}
                      >
                        Duplicate
                      </Menu.Item>
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
      </Stack>
    </Drawer>
  );
}
