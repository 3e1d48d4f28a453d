/** The project list and the actions on it, with errors as readable text. */
import { useCallback, useEffect, useState } from 'react';
import type { HostApi, ProjectSummary } from '../../shared/host-api.ts';

export interface ProjectsState {
  projects: ProjectSummary[];
  error: string | undefined;
  refresh: () => void;
  /** Runs an action; refreshes the list after it, or calls `then` with its result. */
  act: <T>(work: Promise<T>, then?: (result: T) => void) => void;
}

export function useProjects(api: HostApi, active: boolean): ProjectsState {
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [error, setError] = useState<string | undefined>();
  const refresh = useCallback((): void => {
    api.projects.list().then(setProjects, (e: unknown) => setError(message(e)));
  }, [api]);
  useEffect(() => {
    if (active) refresh();
  }, [active, refresh]);
  const act = <T>(work: Promise<T>, then?: (result: T) => void): void => {
    setError(undefined);
    work.then(
      (result) => (then ? then(result) : refresh()),
      (e: unknown) => setError(message(e)),
    );
  };
  return { projects, error, refresh, act };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
