/**
 * Opens what the OS asks the app to open, one request at a time and in arrival order. Requests can
 * arrive before the app is ready (macOS `open-file` fires before `ready`; argv is there at launch):
 * they wait, the first project among them becomes the project the window opens with, and the rest
 * (data files, rejects) are handled once the window exists. A second launch's request
 * (`second-instance`) goes through the same queue, so it lands in the window already open.
 */
import path from 'node:path';
import { emptyRequest, mergeRequests, type OpenRequest } from './launch-args.ts';

export interface OpenHandlers {
  /** Opens a project in the window (only one project is open at a time). */
  openProject(dir: string): Promise<void>;
  /** Imports data files into the open project. */
  importFiles(paths: string[]): Promise<void>;
  /** Tells the user what could not be opened, and why. */
  reject(rejected: OpenRequest['rejected']): void;
  /** A handler failed; the queue goes on with the next request. */
  onError(error: unknown): void;
}

export class OpenQueue {
  private pending: OpenRequest = emptyRequest();
  private started = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly handlers: OpenHandlers) {}

  /** Queues a request; resolves once it has been handled (or, before `start`, at once). */
  add(request: OpenRequest): Promise<void> {
    if (!this.started) {
      this.pending = mergeRequests(this.pending, request);
      return Promise.resolve();
    }
    return this.run(request);
  }

  /**
   * The project to open the window with: the last one asked for before the app was ready, if any.
   * (Only one can be open; opening the others first would be wasted work.)
   */
  takeStartupProject(): string | undefined {
    const project = this.pending.projects.at(-1);
    this.pending = { ...this.pending, projects: [] };
    return project;
  }

  /** The window is ready: handles what waited, then each request as it arrives. */
  start(): Promise<void> {
    this.started = true;
    const waiting = this.pending;
    this.pending = emptyRequest();
    return this.run(waiting);
  }

  private run(request: OpenRequest): Promise<void> {
    const next = this.chain.then(() => this.handle(request)).catch((error) => this.handlers.onError(error));
    this.chain = next;
    return next;
  }

  private async handle(request: OpenRequest): Promise<void> {
    if (request.rejected.length > 0) this.handlers.reject(request.rejected);
    const project = request.projects.at(-1);
    if (project !== undefined) await this.handlers.openProject(project);
    if (request.dataFiles.length > 0) await this.handlers.importFiles(request.dataFiles.map((f) => f.path));
  }
}

/** A project entry as the host lists it (most recently opened first). */
export interface KnownProject {
  dir: string;
}

/** The name of the project made when data files arrive and there is no project to put them in. */
export const FIRST_PROJECT_NAME = 'My project';

/**
 * The project the window opens with: the one the OS asked for, else the most recently opened one.
 * None (a first launch) means the window shows Home.
 */
export function chooseStartupProject(
  requested: string | undefined,
  known: readonly KnownProject[],
): string | undefined {
  return requested ?? known[0]?.dir;
}

/**
 * Where data files opened from the OS go when no project is open: the most recently opened
 * project, else a new one in the projects folder.
 */
export function projectForImport(
  known: readonly KnownProject[],
  projectsRoot: string,
): { dir: string; create: boolean } {
  const recent = known[0];
  if (recent) return { dir: recent.dir, create: false };
  return { dir: path.join(projectsRoot, `${FIRST_PROJECT_NAME}.facet`), create: true };
}
