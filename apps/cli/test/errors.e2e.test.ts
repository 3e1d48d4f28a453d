import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARS, runCli } from './run-cli.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'facet-cli-'));
  writeFileSync(path.join(dir, 'empty.csv'), '');
  // Deterministic noise: no delimiter, quoting or UTF-8 structure to find.
  const noise = Buffer.alloc(64 * 1024);
  for (let i = 0, x = 7; i < noise.length; i++) noise[i] = x = (x * 1103515245 + 12345) & 0xff;
  writeFileSync(path.join(dir, 'garbage.csv'), noise);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Exactly one line on stderr, `facet: …`, and no stack frames. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^facet: [^\n]+\n$/);
  expect(stderr).not.toContain('    at ');
}

describe('facet errors', { timeout: 60_000 }, () => {
  it('reports a missing file', async () => {
    const run = await runCli(['query', 'SELECT 1', '-f', path.join(dir, 'missing.csv')]);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('File not found');
  });

  it('reports an empty file', async () => {
    const run = await runCli(['schema', '-f', path.join(dir, 'empty.csv')]);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('"empty.csv" is empty');
  });

  it.each(['native', 'wasm'])(
    'reports (and does not hang on) garbage bytes named .csv (%s)',
    async (engine) => {
      const run = await runCli([
        'query',
        'SELECT * FROM garbage',
        '-f',
        path.join(dir, 'garbage.csv'),
        '-e',
        engine,
      ]);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain('Could not read "garbage.csv"');
      expect(run.stdout).toBe('');
    },
  );

  it('reports bad SQL with DuckDB’s message and position', async () => {
    const run = await runCli(['query', 'SELEC * FROM cars', '-f', CARS]);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toBe('facet: Parser Error: syntax error at or near "SELEC" (line 1, column 1)\n');
  });

  it('reports bad SQL readably with the wasm engine too', async () => {
    const run = await runCli(['query', 'SELEC 1', '-e', 'wasm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('facet: Parser Error: syntax error at or near "SELEC" (line 1, column 1)\n');
  });

  it('adds DuckDB’s hints on indented lines after a SQL error', async () => {
    const run = await runCli(['query', 'SELECT nme FROM cars', '-f', CARS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^facet: Binder Error: .*"nme".*\n {2}Candidate bindings: .*"Name".*\n$/);
  });

  it('refuses an unknown flag as a usage error (exit 2)', async () => {
    const run = await runCli(['query', 'SELECT 1', '--nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('facet: unknown option --nope (see "facet query --help")\n');
  });

  it('refuses two files that would become the same table', async () => {
    const run = await runCli(['schema', '-f', CARS, '-f', path.join(dir, 'cars.json')]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('both become table "cars"');
  });

  it('prints the stack with --debug', async () => {
    const run = await runCli(['query', 'SELECT 1', '-f', path.join(dir, 'missing.csv'), '--debug']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^facet: File not found: .*missing\.csv\nSourceNotFoundError: File not found/);
    expect(run.stderr).toContain('    at ');
  });
});

describe('facet help and version', { timeout: 60_000 }, () => {
  it('prints help for the CLI and for each command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('facet query "<sql>" --file PATH');
    for (const command of ['query', 'schema', 'profile']) {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: facet ${command} `));
    }
  });

  it('prints the version', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('refuses a missing or unknown command (exit 2)', async () => {
    expect((await runCli([])).code).toBe(2);
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('facet: unknown command "frobnicate" (see "facet --help")\n');
  });
});
