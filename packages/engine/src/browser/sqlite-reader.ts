/** SQLite database bytes → Arrow tables in the browser, with sql.js (SQLite compiled to WASM). */
import type { Table } from 'apache-arrow';
import initSqlJs from 'sql.js';
import { columnsToTable } from '@facet/engine/common';

export async function readSqliteBrowser(
  source: { name: string; bytes?: Uint8Array },
  wasmUrl: string,
): Promise<{ name: string; table: Table }[]> {
  if (!source.bytes) throw new Error('the browser needs the database bytes');
  const SQL = await initSqlJs({ locateFile: () => wasmUrl });
  const db = new SQL.Database(source.bytes);
  try {
    const names = (
      db.exec(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )[0]?.values ?? []
    ).map((row) => String(row[0]));
    return names.map((name) => {
      const result = db.exec(`SELECT * FROM "${name.replaceAll('"', '""')}"`)[0];
      const info = db.exec(`PRAGMA table_info("${name.replaceAll('"', '""')}")`)[0];
      const columns = result?.columns ?? (info?.values ?? []).map((row) => String(row[1]));
      const rows = result?.values ?? [];
      return {
        name,
        table: columnsToTable(
          columns.map((column, c) => ({ name: column, values: rows.map((r) => r[c] ?? null) })),
        ),
      };
    });
  } finally {
    db.close();
  }
}
