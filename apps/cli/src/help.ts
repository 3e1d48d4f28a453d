/** Help texts for `facet --help` and `facet <command> --help`. */
import { readFileSync } from 'node:fs';

export type CommandName = 'query' | 'schema' | 'profile' | 'project';

export const COMMAND_NAMES: readonly CommandName[] = ['query', 'schema', 'profile', 'project'];

const FILES = `  -f, --file PATH       a data file to load as a table (repeatable): CSV, TSV, Parquet, JSON,
                        NDJSON, Excel, Arrow or SQLite; \`seattle-weather.csv\` becomes table
                        \`seattle_weather\`
  -e, --engine KIND     native (default) or wasm`;

const COMMON = `  -h, --help            show this help
      --debug           print the stack trace of an error`;

export const MAIN_HELP = `facet: query local data files with SQL (DuckDB)

Usage:
  facet query "<sql>" --file PATH [options]   run SQL over files
  facet schema --file PATH [options]          list tables, columns and types
  facet profile --file PATH [options]         summarise each column
  facet project <action> DIR [options]        work with a project folder (see "facet help project")
  facet help <command>                        help for a command

Options:
  -h, --help       show this help
  -V, --version    print the version

Examples:
  facet query "SELECT weather, count(*) AS n FROM seattle_weather GROUP BY ALL" -f seattle-weather.csv
  facet schema -f cars.json --format json
`;

export const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  query: `Usage: facet query "<sql>" [--file PATH …] [options]

Runs SQL (DuckDB's dialect) over the given files and prints the result.

Options:
${FILES}
      --format FORMAT   table (default), json (one JSON array of rows) or csv
  -p, --param NAME=VALUE
                        a value for $NAME in the SQL (repeatable); values are text,
                        which DuckDB casts where needed
      --timeout MS      stop the query after MS milliseconds
      --limit N         print at most N rows (table format default: 1000; 0 = all)
${COMMON}

Example:
  facet query "SELECT * FROM seattle_weather WHERE temp_max > $t" -f seattle-weather.csv -p t=30
`,
  schema: `Usage: facet schema --file PATH [--file PATH …] [options]

Lists the tables the files become, with their columns, DuckDB types and row counts.

Options:
${FILES}
      --format FORMAT   table (default) or json
${COMMON}
`,
  profile: `Usage: facet profile --file PATH [--file PATH …] [options]

Summarises every column: type, nulls, distinct values, min, max, mean and top values.

Options:
${FILES}
      --format FORMAT   table (default) or json (an array with one profile per table)
      --table NAME      profile only this table
${COMMON}
`,
  project: `Usage: facet project <action> DIR [arguments] [options]

Works with a Facet project folder (Name.facet/) without the app: for scripts, CI and reports.

Actions:
  create DIR [--name NAME]                     create a project with one empty canvas
  import DIR FILE [--table NAME] [--sheet S]   import a data file (kept in the project as Parquet)
  add DIR --type sql --name NAME --sql SQL     add a SQL block (or --type text --text TEXT)
  set DIR --block NAME --sql SQL               change a SQL block's SQL (or --title)
  blocks DIR [--format table|json]             list the canvas's blocks
  run DIR --block NAME [--format table|json|csv]
                                               run a block and the blocks it reads; print rows
  version DIR --message MSG [--tag TAG]        save a version; prints its id
  versions DIR [--format table|json]           list versions, newest first
  diff DIR FROM [TO] [--format text|json]      what changed between versions (TO default: now)
  restore DIR VERSION                          make the canvas equal a version again (a new change)
  search DIR TEXT… [--format text|json]        full-text search over the project

Options:
      --canvas NAME|ID  the canvas to work on (default: the first one)
${COMMON}

Example:
  facet project create sales.facet
  facet project import sales.facet data/orders.csv
  facet project add sales.facet --type sql --name by_month --sql "SELECT month, sum(total) FROM orders GROUP BY 1"
  facet project run sales.facet --block by_month --format csv
`,
};

/** The CLI's version, from its package.json. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return `${pkg.version ?? 'unknown'}\n`;
}
