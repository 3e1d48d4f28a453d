/**
 * The sample project in the browser: Seattle weather (NOAA data from the vega-datasets package,
 * copied beside the page by the web build) and the sample canvas (engine/common's
 * fillSampleCanvas, shared with the desktop host).
 */
import {
  fillSampleCanvas,
  InvalidArgumentError,
  SAMPLE_CANVAS_NAME,
  SAMPLE_FILE_NAME,
  SAMPLE_PROJECT_NAME,
  SAMPLE_TABLE,
} from '@facet/engine/common';
import type { ProjectSummary, SourceSummary } from '../../shared/host-api.ts';
import type { BrowserHost } from './browser-host.ts';

/** Imports the sample table into the open project (a second import changes nothing). */
export async function importSampleData(host: BrowserHost): Promise<SourceSummary[]> {
  const project = host.current();
  const sources = await project.sources.list();
  if (sources.some((s) => s.table === SAMPLE_TABLE)) return sources;
  if (!host.options.sampleData)
    throw new InvalidArgumentError('The sample dataset is not installed with this copy of Facet.');
  return project.upload(SAMPLE_FILE_NAME, await host.options.sampleData(), { tableName: SAMPLE_TABLE });
}

/** Creates and opens the sample project, or opens it when it exists. */
export async function createSampleProject(host: BrowserHost): Promise<ProjectSummary> {
  const existing = (await host.registry.list()).find((p) => p.name === SAMPLE_PROJECT_NAME);
  if (existing) return host.openProject(existing.id);
  const summary = await host.createProject(SAMPLE_PROJECT_NAME);
  try {
    await importSampleData(host);
    const project = host.current();
    const [canvas] = await project.canvases.list();
    const id = canvas?.id ?? (await project.canvases.create(SAMPLE_CANVAS_NAME)).id;
    fillSampleCanvas(await project.canvases.doc(id));
    await project.canvases.rename(id, SAMPLE_CANVAS_NAME);
    // The data is in: a tour started here begins at writing a query.
    await project.records.completeStep('welcome');
    await project.records.completeStep('import');
    await project.canvases.flush();
  } catch (error) {
    // A half-built sample is worse than none: the next request starts again.
    const id = host.summary()?.dir.replace(/^browser:/, '');
    if (id) await host.deleteProject(id).catch(() => undefined);
    throw error;
  }
  return summary;
}
