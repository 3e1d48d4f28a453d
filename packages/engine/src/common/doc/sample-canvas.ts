/**
 * The sample canvas a new user starts from: four years of Seattle weather (NOAA data, shipped with
 * the vega-datasets package) with a note, SQL blocks that read each other, charts and a metric. The
 * desktop host and the browser app both build it with these ordinary canvas commands, so the sample
 * is an ordinary canvas the user can edit, version and share.
 */
import type { CanvasDoc } from './canvas-doc.ts';

export const SAMPLE_TABLE = 'seattle_weather';
export const SAMPLE_FILE_NAME = 'seattle-weather.csv';
export const SAMPLE_PROJECT_NAME = 'Seattle weather (sample)';
export const SAMPLE_CANVAS_NAME = 'Seattle weather';

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

/** Adds the sample's blocks to `doc` (whose project holds the sample table). */
export function fillSampleCanvas(doc: CanvasDoc): void {
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
}
