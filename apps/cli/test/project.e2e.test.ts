/** `facet project …` end to end: the real executable on a real project folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SEATTLE } from './run-cli.ts';

let root: string;
let dir: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cli-project-'));
  dir = path.join(root, 'Weather.facet');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function ok(...args: string[]): Promise<string> {
  const run = await runCli(['project', ...args]);
  expect(run.stderr, `facet project ${args.join(' ')}`).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('facet project', () => {
  it('creates a project, imports data, adds blocks that read each other, runs them, and versions them', async () => {
    expect(await ok('create', dir)).toMatch(/Created project "Weather"/);
    // The data is copied in: the project works even if the original moves.
    const copy = path.join(root, 'seattle-weather.csv');
    fs.copyFileSync(SEATTLE, copy);
    expect(await ok('import', dir, copy)).toBe(
      'Imported seattle-weather.csv as table seattle_weather (1461 rows)\n',
    );
    fs.rmSync(copy);

    await ok(
      'add',
      dir,
      '--type',
      'sql',
      '--name',
      'by_weather',
      '--sql',
      'SELECT weather, count(*) AS days FROM seattle_weather GROUP BY 1',
    );
    await ok(
      'add',
      dir,
      '--type',
      'sql',
      '--name',
      'top',
      '--sql',
      'SELECT * FROM by_weather ORDER BY days DESC LIMIT 2',
    );
    const blocks = JSON.parse(await ok('blocks', dir, '--format', 'json')) as { name: string; sql: string }[];
    expect(blocks.map((b) => b.name).sort()).toEqual(['by_weather', 'top']);

    expect(JSON.parse(await ok('run', dir, '--block', 'top', '--format', 'json'))).toEqual([
      { weather: 'rain', days: 641 },
      { weather: 'sun', days: 640 },
    ]);
    const table = await ok('run', dir, '--block', 'top');
    expect(table).toMatch(/weather\s+days/);

    const v1 = (await ok('version', dir, '--message', 'first cut', '--tag', 'Q3 final')).trim();
    expect(v1).toMatch(/^[0-9a-f]{12}$/);
    await ok('set', dir, '--block', 'top', '--sql', 'SELECT * FROM by_weather ORDER BY days DESC LIMIT 1');
    expect(JSON.parse(await ok('run', dir, '--block', 'top', '--format', 'json'))).toHaveLength(1);
    const v2 = (await ok('version', dir, '--message', 'just the top one')).trim();

    const versions = JSON.parse(await ok('versions', dir, '--format', 'json')) as {
      id: string;
      message: string;
      tag?: string;
    }[];
    expect(versions.map((v) => v.id)).toEqual([v2, v1]);
    expect(versions[1]).toMatchObject({ message: 'first cut', tag: 'Q3 final' });

    const diff = await ok('diff', dir, v1, v2);
    expect(diff).toContain('~ sql "top" changed');
    expect(diff).toContain('- SELECT * FROM by_weather ORDER BY days DESC LIMIT 2');
    expect(diff).toContain('+ SELECT * FROM by_weather ORDER BY days DESC LIMIT 1');
    // Both results were stored by the runs, so the diff says which numbers changed.
    expect(diff).toContain('# results of "top": 0 cells changed, rows 2 → 1');
    const json = JSON.parse(await ok('diff', dir, v1, v2, '--format', 'json')) as { changed: unknown[] };
    expect(json.changed).toHaveLength(1);

    expect(await ok('restore', dir, v1)).toMatch(new RegExp(`^Restored version ${v1}`));
    expect(JSON.parse(await ok('run', dir, '--block', 'top', '--format', 'json'))).toHaveLength(2);
    expect(await ok('diff', dir, v1)).toBe('No changes.\n');
    expect(await ok('search', dir, 'weather')).toMatch(/block "by_weather"/);
  }, 120_000);

  it('reports mistakes in one line with a non-zero exit', async () => {
    const cases: [string[], number, RegExp][] = [
      [['project'], 2, /missing an action/],
      [['project', 'explode', dir], 2, /unknown action "explode"/],
      [['project', 'blocks'], 2, /missing the project folder/],
      [['project', 'blocks', path.join(root, 'nothing-here')], 1, /is not a Facet project/],
      [['project', 'create', dir], 1, /already exists and is not empty/],
      [['project', 'run', dir, '--block', 'nope'], 1, /no SQL block named "nope"/],
      [
        ['project', 'add', dir, '--type', 'sql', '--name', 'top', '--sql', 'SELECT 1'],
        1,
        /already a block named "top"/,
      ],
      [['project', 'add', dir, '--type', 'chart'], 2, /--type must be/],
      [['project', 'diff', dir, 'nope'], 1, /no version "nope"/],
      [['project', 'version', dir], 2, /missing --message/],
      [['project', 'import', dir, path.join(root, 'missing.csv')], 1, /not found/],
    ];
    for (const [args, code, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  }, 120_000);
});
