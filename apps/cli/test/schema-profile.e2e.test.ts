import { describe, expect, it } from 'vitest';
import { CARS, SEATTLE, runCli } from './run-cli.ts';

interface JsonTable {
  name: string;
  source: string;
  format: string;
  rowCount: number;
  columns: { name: string; type: string; nullable: boolean }[];
}

describe('facet schema', { timeout: 60_000 }, () => {
  it('lists each file as a table with its columns, DuckDB types and row count', async () => {
    const run = await runCli(['schema', '--file', SEATTLE, '--file', CARS]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'seattle_weather (seattle-weather.csv, 1461 rows)',
      'column         type     nullable',
      '-------------  -------  --------',
      'date           DATE     yes',
    ]);
    expect(run.stdout).toContain('\ncars (cars.json, 406 rows)\n');
    expect(run.stdout).toMatch(/\nHorsepower +BIGINT +yes\n/);
  });

  it('prints the tables as JSON', async () => {
    const run = await runCli(['schema', '-f', CARS, '--format', 'json']);
    const tables = JSON.parse(run.stdout) as JsonTable[];
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ name: 'cars', source: 'cars.json', format: 'json', rowCount: 406 });
    expect(tables[0]?.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:VARCHAR',
      'Miles_per_Gallon:DOUBLE',
      'Cylinders:BIGINT',
      'Displacement:DOUBLE',
      'Horsepower:BIGINT',
      'Weight_in_lbs:BIGINT',
      'Acceleration:DOUBLE',
      'Year:DATE',
      'Origin:VARCHAR',
    ]);
  });
});

describe('facet profile', { timeout: 60_000 }, () => {
  it('prints one TableProfile per table as a JSON array', async () => {
    const run = await runCli(['profile', '-f', SEATTLE, '-f', CARS, '--format', 'json']);
    expect(run.stderr).toBe('');
    const profiles = JSON.parse(run.stdout) as {
      table: string;
      rowCount: number;
      columns: { name: string; category: string; nulls: number; min: unknown; topValues?: unknown[] }[];
    }[];
    expect(profiles.map((p) => [p.table, p.rowCount])).toEqual([
      ['seattle_weather', 1461],
      ['cars', 406],
    ]);
    const weather = profiles[0]?.columns.find((c) => c.name === 'weather');
    expect(weather).toMatchObject({ category: 'text', nulls: 0 });
    expect(weather?.topValues?.length).toBe(5);
    const mpg = profiles[1]?.columns.find((c) => c.name === 'Miles_per_Gallon');
    expect(mpg).toMatchObject({ category: 'number', nulls: 8 });
  });

  it('summarises one table (--table) as a readable table', async () => {
    const run = await runCli(['profile', '-f', SEATTLE, '-f', CARS, '--table', 'cars']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^cars: 406 rows, 9 columns \(\d+ ms\)$/);
    expect(lines[1]).toMatch(/^column +type +nulls +distinct +min +max +mean +top values$/);
    expect(run.stdout).toMatch(/\nOrigin +VARCHAR +0 +3 +Europe +USA +USA 254, Japan 79, Europe 73\n/);
    expect(run.stdout).not.toContain('seattle_weather');
  });
});
