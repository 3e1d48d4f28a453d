/**
 * The `facet` command: picks the command, runs it, prints its output or one readable error line,
 * and exits with 0 (success), 1 (a problem with the data or SQL) or 2 (a malformed command line).
 */
import type { Command } from './command.ts';
import { UsageError, reportError } from './errors.ts';
import { COMMAND_HELP, COMMAND_NAMES, type CommandName, MAIN_HELP, version } from './help.ts';
import { exitQuietlyOnClosedPipe, writeStdout } from './stdout.ts';

/** Each command's module, loaded only when that command runs. */
const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  query: async () => (await import('./commands/query.ts')).queryCommand,
  schema: async () => (await import('./commands/schema.ts')).schemaCommand,
  profile: async () => (await import('./commands/profile.ts')).profileCommand,
  project: async () => (await import('./commands/project.ts')).projectCommand,
};

function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

async function dispatch(argv: string[]): Promise<string> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing a command: ${COMMAND_NAMES.join(', ')}`);
  if (first === '--help' || first === '-h') return MAIN_HELP;
  if (first === '--version' || first === '-V') return version();
  if (first === 'help') return helpFor(rest[0]);
  if (first === '--debug') return dispatch(rest);
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first.split('=')[0]}`);
  if (!isCommandName(first)) throw new UsageError(`unknown command "${first}"`);
  const command = await COMMANDS[first]();
  return command(rest, { terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined });
}

function helpFor(name: string | undefined): string {
  if (name === undefined) return MAIN_HELP;
  if (isCommandName(name)) return COMMAND_HELP[name];
  throw new UsageError(`unknown command "${name}"`);
}

async function main(argv: string[]): Promise<number> {
  try {
    await writeStdout(await dispatch(argv));
    return 0;
  } catch (error) {
    const report = await reportError(error, { debug: argv.includes('--debug') });
    process.stderr.write(report.text);
    return report.exitCode;
  }
}

exitQuietlyOnClosedPipe();
// Exit explicitly: the WASM engine's worker thread would otherwise keep the process alive.
process.exit(await main(process.argv.slice(2)));
