/**
 * The Projects drawer (Home, from inside a project): the user's projects with open, rename,
 * duplicate and delete, "New project" and the sample project. Opening switches the host's project
 * and the page reloads into it.
 */
import { Button, Drawer, Stack, Text } from '@mantine/core';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';
import { NewProjectForm } from './NewProjectForm.tsx';
import { ProjectList } from './ProjectList.tsx';
import { useProjects } from './use-projects.ts';

export interface ProjectsDrawerProps {
  api: HostApi;
  current: ProjectSummary;
  opened: boolean;
  onClose: () => void;
}

export function ProjectsDrawer({ api, current, opened, onClose }: ProjectsDrawerProps) {
  const { projects, error, act } = useProjects(api, opened);
  const reload = (): void => location.reload();
  const isCurrent = (p: ProjectSummary): boolean => p.dir === current.dir;
  return (
    <Drawer opened={opened} onClose={onClose} title="Projects" position="left" size="md">
      <Stack gap="sm">
        <NewProjectForm onCreate={(name) => act(api.projects.create({ name }), reload)} />
        <Button variant="light" onClick={() => act(api.projects.createSample(), reload)}>
          Open the sample project
        </Button>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <ProjectList
          projects={projects}
          current={current.dir}
          onOpen={(p) => act(api.projects.open(p.dir), reload)}
          onRename={(p, next) => act(api.projects.rename(p.dir, next), isCurrent(p) ? reload : undefined)}
          onDuplicate={(p) => act(api.projects.duplicate(p.dir, `${p.name} copy`))}
          onDelete={(p) => act(api.projects.delete(p.dir), isCurrent(p) ? reload : undefined)}
        />
      </Stack>
    </Drawer>
  );
}
