/** The sample project in the desktop host: the sample table from its CSV, and the sample canvas. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  fillSampleCanvas,
  InvalidArgumentError,
  SAMPLE_CANVAS_NAME,
  SAMPLE_FILE_NAME,
  SAMPLE_PROJECT_NAME,
  SAMPLE_TABLE,
} from '@facet/engine/common';
import type { Project } from './project.ts';

export { SAMPLE_PROJECT_NAME };

/** Where the sample CSV is: beside the app when packaged, else from the vega-datasets package. */
export function defaultSampleDataPath(): string | undefined {
  try {
    // The package exports only its JS entry (build/index.js); its data folder sits beside build/.
    const entry = createRequire(import.meta.url).resolve('vega-datasets');
    return path.join(path.dirname(entry), '..', 'data', 'seattle-weather.csv');
  } catch {
    return undefined;
  }
}

/** Imports the sample table into a project (replacing nothing: a second import is refused). */
export async function importSampleData(project: Project, csvPath: string | undefined) {
  if (!csvPath || !fs.existsSync(csvPath))
    throw new InvalidArgumentError('The sample dataset is not installed with this copy of Facet.');
  if (project.sources.list().some((s) => s.table === SAMPLE_TABLE)) return project.sources.list();
  return project.importBytes(SAMPLE_FILE_NAME, fs.readFileSync(csvPath), { tableName: SAMPLE_TABLE });
}

/** Fills a fresh project's first canvas with the sample. Returns the canvas id. */
export async function buildSampleCanvas(project: Project, csvPath: string | undefined): Promise<string> {
  await importSampleData(project, csvPath);
  const canvas = project.canvases.list()[0] ?? project.canvases.create(SAMPLE_CANVAS_NAME);
  fillSampleCanvas(project.canvases.doc(canvas.id));
  project.canvases.rename(canvas.id, SAMPLE_CANVAS_NAME);
  // The data is in: a tour started here begins at writing a query.
  project.records.completeStep('welcome');
  project.records.completeStep('import');
  return canvas.id;
}
