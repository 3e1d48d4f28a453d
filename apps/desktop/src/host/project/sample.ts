/**
 * The sample project a new user starts from: four years of Seattle weather (NOAA data, shipped with
 * the vega-datasets package) and a canvas that shows what Facet does — a note, SQL blocks that read
 * each other, charts and a metric. Everything is built with ordinary canvas commands, so the sample
 * is an ordinary project the user can edit, version and share.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InvalidArgumentError } from '@facet/engine/common';
import type { Project } from './project.ts';

export const SAMPLE_TABLE = 'seattle_weather';
export const SAMPLE_PROJECT_NAME = 'Seattle weather (sample)';

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
  return project.importBytes('seattle-weather.csv', fs.readFileSync(csvPath), { tableName: SAMPLE_TABLE });
}

const MONTHLY_SQL = `SELECT date_trunc('month', date) AS month,
       round(avg(temp_max), 1) AS avg_high,
       round(avg(temp_min), 1) AS avg_low,
       round(sum(precipitation), 1) AS rain_mm
FROM ${SAMPLE_TABLE}
GROUP BY month
ORDER BY month`;

const BY_WEATHER_SQL = `SELECT weather, count(*) AS days
FROM ${SAMPLE_TABLE}
GROUP BY weather
ORDER BY days DESC`;

const WETTEST_SQL = `SELECT max(rain_mm) AS wettest_month_mm
FROM monthly`;

const WELCOME = `## Seattle weather, 2012–2015
Daily weather from NOAA: temperatures (°C), rain (mm), wind and the kind of day.

- **monthly** averages the days by month; the line chart reads it.
- **by_weather** counts days of each kind.
- Edit any SQL and press **Ctrl+Enter**: what reads it follows.`;

/** Fills a fresh project's first canvas with the sample. Returns the canvas id. */
export async function buildSampleCanvas(project: Project, csvPath: string | undefined): Promise<string> {
  await importSampleData(project, csvPath);
  const canvas = project.canvases.list()[0] ?? project.canvases.create('Seattle weather');
  const doc = project.canvases.doc(canvas.id);
  doc.add('text', { text: WELCOME, x: 0, y: 0, w: 480, h: 240 });
  doc.add('sql', { name: 'monthly', sql: MONTHLY_SQL, x: 0, y: 288, w: 520, h: 360 });
  doc.add('chart', {
    source: 'monthly',
    spec: { type: 'line', x: 'month', y: ['avg_high', 'avg_low'], title: 'Monthly temperatures (°C)' },
    x: 576,
    y: 288,
    w: 560,
    h: 360,
  });
  doc.add('sql', { name: 'by_weather', sql: BY_WEATHER_SQL, x: 0, y: 704, w: 520, h: 320 });
  doc.add('chart', {
    source: 'by_weather',
    spec: { type: 'bar', x: 'weather', y: ['days'], title: 'Days by weather' },
    x: 576,
    y: 704,
    w: 560,
    h: 320,
  });
  doc.add('sql', { name: 'wettest', sql: WETTEST_SQL, x: 528, y: 0, w: 360, h: 200 });
  doc.add('metric', {
    source: 'wettest',
    column: 'wettest_month_mm',
    format: 'number',
    title: 'Wettest month (mm)',
    x: 928,
    y: 0,
    w: 240,
    h: 140,
  });
  project.canvases.rename(canvas.id, 'Seattle weather');
  // The data is in: a tour started here begins at writing a query.
  project.records.completeStep('welcome');
  project.records.completeStep('import');
  return canvas.id;
}
