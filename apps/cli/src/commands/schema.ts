/** `facet schema --file PATH …`: the tables the files become, with columns, types and row counts. */
import { parseArgs } from 'node:util';
import type { TableInfo } from '@facet/engine/common';
import { SOURCE_OPTIONS, engineKind, outputFormat, parseCommandLine } from '../args.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMAND_HELP } from '../help.ts';
import { formatJson } from '../output/json.ts';
import { formatTable } from '../output/table.ts';
import { withSession } from '../session.ts';

export const schemaCommand: Command = async (argv, context) => {
  const { values } = parseCommandLine('schema', () => parseArgs({ args: argv, options: SOURCE_OPTIONS }));
  if (values.help) return COMMAND_HELP.schema;
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('give at least one --file', 'schema');
  const format = outputFormat(values.format, ['table', 'json'], 'schema');
  const kind = engineKind(values.engine, 'schema');
  const tables = await withSession('schema', kind, files, ({ tables }) => Promise.resolve(tables));
  if (format === 'json') return formatJson(tables.map(describeTable));
  return tables.map((t) => schemaTable(t, context.terminalWidth)).join('\n');
};

/** What JSON output shows of a table (its fingerprint is internal). */
function describeTable(table: TableInfo): Omit<TableInfo, 'fingerprint'> {
  const { fingerprint: _fingerprint, ...rest } = table;
  return rest;
}

/** A table's heading line and an aligned list of its columns. */
export function schemaTable(table: TableInfo, maxWidth?: number): string {
  const origin = [table.source, table.part].filter((s) => s !== undefined).join(', ');
  const rows = `${table.rowCount} ${table.rowCount === 1 ? 'row' : 'rows'}`;
  const heading = `${table.name} (${origin ? `${origin}, ` : ''}${rows})`;
  const columns = formatTable(
    [{ name: 'column' }, { name: 'type' }, { name: 'nullable' }],
    table.columns.map((c) => [c.name, c.type, c.nullable ? 'yes' : 'no']),
    { maxWidth, maxCellWidth: 60 },
  );
  return `${heading}\n${columns}`;
}
