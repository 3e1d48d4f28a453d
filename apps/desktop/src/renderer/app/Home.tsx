/**
 * Home, shown when no project is open (the desktop app's first launch): a welcome, the sample
 * project, a new project, and the user's projects. Opening one calls `onOpened` with it.
 */
import { Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';
import { NewProjectForm } from './NewProjectForm.tsx';
import { ProjectList } from './ProjectList.tsx';
import { useProjects } from './use-projects.ts';

export interface HomeProps {
  api: HostApi;
  onOpened: (project: ProjectSummary) => void;
}

export function Home({ api, onOpened }: HomeProps) {
  const { projects, error, act } = useProjects(api, true);
  return (
    <Container size="sm" py="xl">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Welcome to Facet</Title>
          <Text c="dimmed">
            Drop in CSV, Parquet, JSON, Excel or SQLite files, query them with SQL and chart the answers on a
            canvas. Everything runs on this computer.
          </Text>
        </Stack>
        <Card withBorder padding="lg">
          <Stack gap="xs">
            <Text fw={600}>New here?</Text>
            <Text size="sm">
              The sample project has four years of Seattle weather with queries and charts ready to edit.
            </Text>
            <Group>
              <Button onClick={() => act(api.projects.createSample(), onOpened)}>
                Open the sample project
              </Button>
            </Group>
          </Stack>
        </Card>
        <NewProjectForm onCreate={(name) => act(api.projects.create({ name }), onOpened)} />
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Stack gap="xs">
          <Title order={4}>Your projects</Title>
          <ProjectList
            projects={projects}
            onOpen={(p) => act(api.projects.open(p.dir), onOpened)}
            onRename={(p, next) => act(api.projects.rename(p.dir, next))}
            onDuplicate={(p) => act(api.projects.duplicate(p.dir, `${p.name} copy`))}
            onDelete={(p) => act(api.projects.delete(p.dir))}
          />
        </Stack>
      </Stack>
    </Container>
  );
}
