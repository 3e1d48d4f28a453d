/**
 * The CLI's own errors and how every error reaches the user: one `facet: …` line on stderr (plus
 * DuckDB's hints for SQL errors), the stack only with --debug, and an exit code.
 */
import { loadEngineCommon } from './engine-modules.ts';

/** Exit codes: 1 for things the user can fix in their data or SQL, 2 for a malformed command line. */
export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE_ERROR = 2;

/** A problem the CLI found itself, with a message written for the user. */
export class CliError extends Error {
  readonly exitCode: number = EXIT_USER_ERROR;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong (unknown flag, missing value, …). */
export class UsageError extends CliError {
  override readonly exitCode = EXIT_USAGE_ERROR;

  /** @param command the command whose `--help` explains the right usage, if known */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface ErrorReport {
  /** What to print on stderr, ending with a newline. */
  text: string;
  exitCode: number;
}

/**
 * Formats any thrown value for stderr. The engine's module is loaded only to recognise its errors,
 * so a usage error (or --help) never pays for loading it.
 */
export async function reportError(error: unknown, options: { debug: boolean }): Promise<ErrorReport> {
  const engine = error instanceof CliError ? undefined : await loadEngineCommon();
  const isFacetError = engine !== undefined && error instanceof engine.FacetError;
  const lines = [`facet: ${headline(error, isFacetError, options.debug)}`];
  if (engine !== undefined && error instanceof engine.SqlError) lines.push(...sqlHints(error.message));
  if (options.debug) lines.push(...stacks(error));
  const exitCode = error instanceof CliError ? error.exitCode : EXIT_USER_ERROR;
  return { text: `${lines.join('\n')}\n`, exitCode };
}

function headline(error: unknown, isFacetError: boolean, debug: boolean): string {
  if (error instanceof UsageError) {
    const help = error.command ? `facet ${error.command} --help` : 'facet --help';
    return `${firstLine(error.message)} (see "${help}")`;
  }
  if (error instanceof CliError || (isFacetError && error instanceof Error)) return firstLine(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${firstLine(message)}${debug ? '' : ' (run with --debug for details)'}`;
}

/** DuckDB's hints ("Candidate bindings: …", "Did you mean …") that follow a SQL error's first line. */
function sqlHints(message: string): string[] {
  return message
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `  ${line}`);
}

function stacks(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (depth > 0) lines.push('Caused by:');
    lines.push(current.stack ?? `${current.name}: ${current.message}`);
    current = current.cause;
  }
  return lines;
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}
