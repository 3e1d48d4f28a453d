/**
 * SQL in the editor: a DuckDB dialect for @codemirror/lang-sql (PostgreSQL's, which DuckDB follows,
 * plus DuckDB's own keywords and types, identifiers case-insensitive as in DuckDB) and completion
 * of the tables, their columns and the canvas's SQL blocks. The language sits in a compartment so
 * a block's editor can swap in a fresh schema when tables or blocks change.
 */
import type { Completion, CompletionSource } from '@codemirror/autocomplete';
import { PostgreSQL, type SQLNamespace, SQLDialect, sql } from '@codemirror/lang-sql';
import { syntaxTree } from '@codemirror/language';
import { Compartment, type Extension } from '@codemirror/state';
import type { TableInfo } from '@facet/engine/common';

const DUCKDB_KEYWORDS =
  'qualify pivot unpivot pivot_longer pivot_wider exclude replace columns describe summarize asof ' +
  'positional semi anti install load attach detach pragma macro sample using_sample struct map list ' +
  'union_by_name by name ilike glob similar';
const DUCKDB_TYPES =
  'tinyint utinyint usmallint uinteger ubigint hugeint uhugeint blob varchar list struct map union ' +
  'timestamptz timestamp_s timestamp_ms timestamp_ns interval uuid json enum';

/** DuckDB as lang-sql sees it. */
export const DuckDB = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
  types: `${PostgreSQL.spec.types ?? ''} ${DUCKDB_TYPES}`,
  caseInsensitiveIdentifiers: true,
});

/** Holds the SQL language of an editor; reconfigure it with `sqlLanguage(schema)`. */
export const sqlSupport = new Compartment();

/** The SQL language with completion of `schema` (see completionSchema). */
export function sqlLanguage(schema: SQLNamespace = {}): Extension {
  return [
    sql({ dialect: DuckDB, schema, upperCaseKeywords: true }),
    DuckDB.language.data.of({ autocomplete: columnsOfNamedTables(schema) }),
  ];
}

const NOT_CODE = new Set(['String', 'LineComment', 'BlockComment', 'QuotedIdentifier']);

/**
 * lang-sql completes a column after `table.`; this adds the bare columns of every table the query
 * names anywhere (`SELECT ci| FROM weather` offers `city`), ranked above keywords, or of every
 * table while the query names none yet.
 */
function columnsOfNamedTables(schema: SQLNamespace): CompletionSource {
  const tables = new Map<string, Completion[]>();
  const known = new Set<string>();
  if (!Array.isArray(schema)) {
    for (const [name, level] of Object.entries(schema as Record<string, SQLNamespace>)) {
      known.add(name.toLowerCase());
      const children = 'children' in level && Array.isArray(level.children) ? level.children : [];
      const columns = children.flatMap((c: Completion | string) =>
        typeof c === 'string' ? [] : [{ ...c, detail: `${c.detail ?? ''} · ${name}`.trim(), boost: 2 }],
      );
      if (columns.length > 0) tables.set(name.toLowerCase(), columns);
    }
  }
  return (context) => {
    const word = context.matchBefore(/[\w$]+/);
    if (!word && !context.explicit) return null;
    const from = word?.from ?? context.pos;
    if (context.state.sliceDoc(from - 1, from) === '.') return null;
    if (NOT_CODE.has(syntaxTree(context.state).resolveInner(context.pos, -1).name)) return null;
    const named = new Set(
      context.state.doc
        .toString()
        .toLowerCase()
        .match(/[\w$]+/g) ?? [],
    );
    const inQuery = [...tables].filter(([name]) => named.has(name));
    // Before any table or block is named (the SELECT list typed first): every table's columns, below keywords.
    const options =
      inQuery.length > 0 || [...known].some((name) => named.has(name))
        ? inQuery.flatMap(([, columns]) => columns)
        : [...tables.values()].flat().map((column) => ({ ...column, boost: -1 }));
    return options.length > 0 ? { from, options, validFor: /^[\w$]*$/ } : null;
  };
}

/**
 * What completes: each table with its columns (type as detail) and each SQL block by name (blocks
 * are read like tables; their columns are known only after they run, so none are listed).
 * A table and a block with the same name: the block wins, as it does when the SQL compiles.
 */
export function completionSchema(tables: readonly TableInfo[], blocks: readonly string[]): SQLNamespace {
  const schema: Record<string, SQLNamespace> = {};
  for (const table of tables) {
    schema[table.name] = {
      self: { label: table.name, type: 'type', detail: `table · ${table.rowCount.toLocaleString()} rows` },
      children: table.columns.map((column): Completion => ({
        label: column.name,
        type: 'property',
        detail: column.type,
      })),
    };
  }
  for (const name of blocks) {
    schema[name] = { self: { label: name, type: 'class', detail: 'SQL block', boost: 1 }, children: [] };
  }
  return schema;
}
