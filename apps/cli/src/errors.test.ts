import { SourceNotFoundError, SqlError } from '@facet/engine/common';
import { describe, expect, it } from 'vitest';
import { CliError, UsageError, reportError } from './errors.ts';

describe('reportError', () => {
  it('prints a usage error on one line, pointing at the command help, exit code 2', async () => {
    const report = await reportError(new UsageError('unknown option --x', 'query'), { debug: false });
    expect(report).toEqual({ text: 'facet: unknown option --x (see "facet query --help")\n', exitCode: 2 });
  });

  it("prints an engine error's message, exit code 1", async () => {
    const report = await reportError(new SourceNotFoundError('a.csv'), { debug: false });
    expect(report).toEqual({ text: 'facet: File not found: a.csv\n', exitCode: 1 });
  });

  it("keeps a SQL error's hints on indented lines after the message", async () => {
    const error = new SqlError('Binder Error: column "nme" not found\nCandidate bindings: "name"', {
      kind: 'Binder',
    });
    const report = await reportError(error, { debug: false });
    expect(report.text).toBe('facet: Binder Error: column "nme" not found\n  Candidate bindings: "name"\n');
  });

  it('prints only the first line of other errors', async () => {
    const report = await reportError(new CliError('first\nsecond'), { debug: false });
    expect(report.text).toBe('facet: first\n');
  });

  it('marks unexpected errors as such and never prints a stack without --debug', async () => {
    const report = await reportError(new TypeError('x is undefined'), { debug: false });
    expect(report.text).toBe('facet: unexpected error: x is undefined (run with --debug for details)\n');
    expect(report.exitCode).toBe(1);
  });

  it('adds the stack and its causes with --debug', async () => {
    const error = new CliError('outer');
    (error as { cause?: unknown }).cause = new Error('inner');
    const report = await reportError(error, { debug: true });
    expect(report.text).toMatch(/^facet: outer\nCliError: outer\n {4}at /);
    expect(report.text).toContain('Caused by:\nError: inner\n    at ');
  });
});
