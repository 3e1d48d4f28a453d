/** Quoting helpers for building SQL safely. */

/** Quotes an identifier for DuckDB: `my "col"` → `"my ""col"""`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: `it's` → `'it''s'`. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
