/** Command-line helpers shared by the commands: friendlier parseArgs errors and option checks. */
import { UsageError } from './errors.ts';

export type EngineKind = 'native' | 'wasm';

/** Options every command that reads files accepts. */
export const SOURCE_OPTIONS = {
  file: { type: 'string', short: 'f', multiple: true },
  engine: { type: 'string', short: 'e' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const;

/** Runs `parse` (a `node:util` parseArgs call), turning its errors into usage errors for `command`. */
export function parseCommandLine<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(describeParseError(error), command);
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted) return `unexpected argument "${quoted}"`;
  // e.g. "Option '-f, --file <value>' argument missing"
  const sentence = (message.split('\n')[0] ?? message).split('. ')[0]?.replace(/\.$/, '') ?? message;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** The engine named by --engine (default: native DuckDB). */
export function engineKind(value: string | undefined, command: string): EngineKind {
  if (value === undefined || value === 'native') return 'native';
  if (value === 'wasm') return 'wasm';
  throw new UsageError(`--engine must be "native" or "wasm", not "${value}"`, command);
}

/** The output format named by --format, one of `allowed` (the first is the default). */
export function outputFormat<F extends string>(
  value: string | undefined,
  allowed: readonly [F, ...F[]],
  command: string,
): F {
  if (value === undefined) return allowed[0];
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${allowed.join(', ')}; got "${value}"`, command);
}

/** A whole number ≥ `min` given to option `--name`. */
export function wholeNumber(
  name: string,
  value: string | undefined,
  min: number,
  command: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `--${name} needs a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${value}"`,
      command,
    );
  }
  return n;
}

/**
 * Values for `$name` query parameters from `--param name=value`. Values stay text: DuckDB casts
 * text where the query needs another type (`WHERE temp_max > $t`).
 */
export function queryParams(values: readonly string[] | undefined, command: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq).replace(/^\$/, '') : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new UsageError(
        `--param needs name=value (a name of letters, digits and _), not "${item}"`,
        command,
      );
    }
    if (Object.prototype.hasOwnProperty.call(params, name)) {
      throw new UsageError(`--param ${name} is given more than once`, command);
    }
    params[name] = item.slice(eq + 1);
  }
  return params;
}
