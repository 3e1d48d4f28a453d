/** `facet profile --file PATH …`: per-column statistics of each table. */
import { parseArgs } from 'node:util';
import type { TableProfile } from '@facet/engine/common';
import { SOURCE_OPTIONS, engineKind, outputFormat, parseCommandLine } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { COMMAND_HELP } from '../help.ts';
import { formatJson } from '../output/json.ts';
import { withSession } from '../session.ts';
import { profileSummary } from './profile-summary.ts';

export const profileCommand: Command = async (argv, context) => {
  const { values } = parseCommandLine('profile', () =>
    parseArgs({ args: argv, options: { ...SOURCE_OPTIONS, table: { type: 'string', short: 't' } } }),
  );
  if (values.help) return COMMAND_HELP.profile;
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('give at least one --file', 'profile');
  const format = outputFormat(values.format, ['table', 'json'], 'profile');
  const kind = engineKind(values.engine, 'profile');
  const wanted = values.table;

  const profiles = await withSession('profile', kind, files, async ({ engine, tables }) => {
    const names = tables.map((t) => t.name);
    if (wanted !== undefined && !names.includes(wanted)) {
      throw new CliError(
        `There is no table named "${wanted}"; the files give ${names.map((n) => `"${n}"`).join(', ')}.`,
      );
    }
    const result: TableProfile[] = [];
    for (const name of wanted !== undefined ? [wanted] : names) result.push(await engine.profile(name));
    return result;
  });
  if (format === 'json') return formatJson(profiles);
  return profiles.map((p) => profileSummary(p, context.terminalWidth)).join('\n');
};
