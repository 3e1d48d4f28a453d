/** `facet query "<sql>" --file PATH …`: runs SQL over files and prints the result. */
import { parseArgs } from 'node:util';
import type { QueryResult } from '@facet/engine/common';
import {
  SOURCE_OPTIONS,
  engineKind,
  outputFormat,
  parseCommandLine,
  queryParams,
  wholeNumber,
} from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMAND_HELP } from '../help.ts';
import { isNumericType } from '../output/column-kind.ts';
import { formatCsv } from '../output/csv.ts';
import { formatJson } from '../output/json.ts';
import { rowArrays, rowObjects } from '../output/result-rows.ts';
import { formatTable } from '../output/table.ts';
import { withSession } from '../session.ts';

/** Rows the table format prints unless --limit says otherwise. */
const DEFAULT_TABLE_ROWS = 1000;

export const queryCommand: Command = async (argv, context) => {
  const { values, positionals } = parseCommandLine('query', () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...SOURCE_OPTIONS,
        param: { type: 'string', short: 'p', multiple: true },
        timeout: { type: 'string' },
        limit: { type: 'string' },
      },
    }),
  );
  if (values.help) return COMMAND_HELP.query;
  const [sql, ...extra] = positionals;
  if (sql === undefined) throw new UsageError('missing the SQL to run', 'query');
  if (extra.length > 0)
    throw new UsageError(`unexpected argument "${extra[0]}" (quote the whole SQL)`, 'query');
  const format = outputFormat(values.format, ['table', 'json', 'csv'], 'query');
  const kind = engineKind(values.engine, 'query');
  const params = queryParams(values.param, 'query');
  const timeoutMs = wholeNumber('timeout', values.timeout, 1, 'query');
  const limitArg = wholeNumber('limit', values.limit, 0, 'query');
  const limit =
    limitArg === 0 ? undefined : (limitArg ?? (format === 'table' ? DEFAULT_TABLE_ROWS : undefined));

  return withSession('query', kind, values.file ?? [], async ({ engine }) => {
    const result = await engine.query(sql, { params, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    return renderResult(result, format, limit, context);
  });
};

export async function renderResult(
  result: QueryResult,
  format: 'table' | 'json' | 'csv',
  limit: number | undefined,
  context: CommandContext,
): Promise<string> {
  if (format === 'json') return formatJson(await rowObjects(result.table, limit));
  const rows = await rowArrays(result.table, limit);
  if (format === 'csv')
    return formatCsv(
      result.columns.map((c) => c.name),
      rows,
    );
  const columns = result.columns.map(
    (c) => ({ name: c.name, align: isNumericType(c.type) ? 'right' : 'left' }) as const,
  );
  const table = formatTable(columns, rows, { maxWidth: context.terminalWidth });
  return `${table}${footer(rows.length, result.rowCount, result.elapsedMs)}\n`;
}

/** `(3 rows, 12 ms)`, or `(first 1000 of 5000 rows, 12 ms; --limit N shows more)` when cut. */
export function footer(shown: number, total: number, elapsedMs: number): string {
  const time = `${Math.round(elapsedMs)} ms`;
  if (shown < total) return `(first ${shown} of ${total} rows, ${time}; --limit N shows more, --limit 0 all)`;
  return `(${total} ${total === 1 ? 'row' : 'rows'}, ${time})`;
}
