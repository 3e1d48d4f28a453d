/** Opens an engine, loads the files given with --file, runs a command, and always closes it. */
import path from 'node:path';
import type { Engine, TableInfo } from '@facet/engine/common';
import type { EngineKind } from './args.ts';
import { loadEngineCommon, loadEngineNode } from './engine-modules.ts';
import { CliError, UsageError } from './errors.ts';

export interface Session {
  engine: Engine;
  /** The tables the files became, in the order the files were given. */
  tables: TableInfo[];
}

export async function withSession<T>(
  command: string,
  kind: EngineKind,
  files: readonly string[],
  work: (session: Session) => Promise<T>,
): Promise<T> {
  await checkTableNames(command, files);
  const { createEngine } = await loadEngineNode();
  const engine = await createEngine(kind);
  try {
    const tables: TableInfo[] = [];
    for (const file of files) {
      const added = await engine.register({ name: path.basename(file), path: file });
      for (const table of added) {
        // A workbook or SQLite file becomes several tables, which may collide with another file's.
        if (tables.some((t) => t.name === table.name)) {
          throw new CliError(`Two files both become table "${table.name}"; rename one of them.`);
        }
        tables.push(table);
      }
    }
    return await work({ engine, tables });
  } finally {
    // A failure to close must not hide the command's own result or error.
    await engine.close().catch(() => undefined);
  }
}

/** Refuses files whose names map to the same table name before loading anything. */
async function checkTableNames(command: string, files: readonly string[]): Promise<void> {
  const { tableNameForFile } = await loadEngineCommon();
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = tableNameForFile(path.basename(file));
    const other = seen.get(name);
    if (other !== undefined) {
      throw new UsageError(
        `"${other}" and "${file}" would both become table "${name}"; rename one of them`,
        command,
      );
    }
    seen.set(name, file);
  }
}
