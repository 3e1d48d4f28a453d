import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARS, SEATTLE, runCli } from './run-cli.ts';

const TYPES_SQL = `
  SELECT count(*) AS n,
         sum(Horsepower)::BIGINT AS hp_bigint,
         sum(Horsepower) AS hp_hugeint,
         avg(Acceleration)::DECIMAL(10, 2) AS accel,
         min("Year") AS first_year,
         max("Year")::TIMESTAMP + INTERVAL 90 MINUTE AS last_year_ts,
         NULL AS nothing
  FROM cars`;

const cars = JSON.parse(readFileSync(CARS, 'utf8')) as { Horsepower: number | null; Acceleration: number }[];
const horsepower = cars.reduce((sum, car) => sum + (car.Horsepower ?? 0), 0);
const acceleration =
  Math.round((cars.reduce((sum, car) => sum + car.Acceleration, 0) / cars.length) * 100) / 100;

const CSV_SQL = `SELECT date, weather, 'a,b "c"' AS quoted, NULL AS empty FROM seattle_weather ORDER BY date LIMIT 3`;
const CSV_EXPECTED = [
  'date,weather,quoted,empty',
  '2012-01-01,drizzle,"a,b ""c""",',
  '2012-01-02,rain,"a,b ""c""",',
  '2012-01-03,rain,"a,b ""c""",',
  '',
].join('\n');

const TABLE_SQL = `SELECT date, temp_max, weather FROM seattle_weather ORDER BY date LIMIT 3`;

describe.each(['native', 'wasm'])('facet query --engine %s', { timeout: 60_000 }, (engine) => {
  it('prints JSON that parses as one array of rows', async () => {
    const run = await runCli([
      'query',
      'SELECT count(*) AS n FROM seattle_weather',
      '--file',
      SEATTLE,
      '--engine',
      engine,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ n: 1461 }]);
  });

  it('prints 64-bit integers and decimals as JSON numbers, dates and timestamps as ISO text', async () => {
    const run = await runCli(['query', TYPES_SQL, '-f', CARS, '-e', engine, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        n: 406,
        hp_bigint: horsepower,
        hp_hugeint: horsepower,
        accel: acceleration,
        first_year: '1970-01-01',
        last_year_ts: '1982-01-01T01:30:00',
        nothing: null,
      },
    ]);
  });

  it('prints RFC 4180 CSV with a header, quoting, and NULL as an empty field', async () => {
    const run = await runCli(['query', CSV_SQL, '-f', SEATTLE, '-e', engine, '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(CSV_EXPECTED);
  });

  it('prints an aligned table with numbers on the right and a row-count footer', async () => {
    const run = await runCli(['query', TABLE_SQL, '-f', SEATTLE, '-e', engine]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'date        temp_max  weather',
      '----------  --------  -------',
      '2012-01-01      12.8  drizzle',
      '2012-01-02      10.6  rain',
      '2012-01-03      11.7  rain',
    ]);
    expect(lines[5]).toMatch(/^\(3 rows, \d+ ms\)$/);
  });
});

describe('facet query options', { timeout: 60_000 }, () => {
  it('binds --param values to $names', async () => {
    const sql = 'SELECT count(*) AS n FROM seattle_weather WHERE temp_max > $t AND weather = $w';
    const run = await runCli([
      'query',
      sql,
      '-f',
      SEATTLE,
      '-p',
      't=30',
      '--param',
      'w=sun',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([{ n: expect.any(Number) as number }]);
    expect((JSON.parse(run.stdout) as { n: number }[])[0]?.n).toBeGreaterThan(0);
  });

  it('runs SQL that needs no file', async () => {
    const run = await runCli(['query', "SELECT 42 AS answer, 'ok' AS status", '--format', 'json']);
    expect(JSON.parse(run.stdout)).toEqual([{ answer: 42, status: 'ok' }]);
  });

  it('caps table output at 1000 rows with a note, and --limit changes the cap', async () => {
    const capped = await runCli(['query', 'SELECT range AS i FROM range(1500)']);
    const lines = capped.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 1000 + 1);
    expect(lines.at(-1)).toMatch(/^\(first 1000 of 1500 rows, \d+ ms; --limit N shows more/);

    const limited = await runCli([
      'query',
      'SELECT range AS i FROM range(1500)',
      '--limit',
      '2',
      '--format',
      'json',
    ]);
    expect(JSON.parse(limited.stdout)).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it('stops a query that runs past --timeout', async () => {
    const run = await runCli(['query', 'SELECT count(*) FROM range(1000000000000)', '--timeout', '200']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('facet: The query took longer than 200 ms and was stopped.\n');
  });
});
