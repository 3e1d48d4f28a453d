/**
 * Turns a file into tables, all or nothing: detect the format, read it with DuckDB's own reader or
 * a JS reader (→ Arrow) into staging tables, then rename them into place in one transaction.
 *
 *   file ──► detect format ──► DuckDB reader ───────┐
 *                        └──► JS reader → Arrow ───┴─► staging table(s) ─► rename (one transaction) ─► CHECKPOINT
 */
import { type Table, tableFromIPC } from 'apache-arrow';
import { tableToRows } from '../arrow/to-js.ts';
import { InvalidArgumentError, SourceFormatError } from '../errors.ts';
import { readJson } from '../readers/json.ts';
import { readParquet } from '../readers/parquet.ts';
import { readXlsx } from '../readers/xlsx.ts';
import { detectFormat, type SourceFormat } from '../sources/formats.ts';
import { sanitizeIdentifier, tableNameForFile } from '../sources/table-name.ts';
import { sqlErrorFromDuckDb } from '../sql/duckdb-errors.ts';
import { quoteIdent, quoteString } from '../sql/identifiers.ts';
import type { SqlBackend } from './backend.ts';
import { fingerprintBytes, fingerprintStrings } from './fingerprint.ts';
import { findRaggedLine, type SourceErrorHints, sourceError } from './source-errors.ts';
import type { SourceInput } from './types.ts';

/** What the environment provides beyond DuckDB: file access (Node) and a SQLite reader. */
export interface EngineEnvironment {
  /** File access by path; absent in browsers, where sources arrive as bytes. */
  files?: {
    /** Size and modification time; throws SourceNotFoundError when missing. */
    stat(path: string): Promise<{ size: number; mtimeMs: number }>;
    readHead(path: string, length: number): Promise<Uint8Array>;
    readAll(path: string): Promise<Uint8Array>;
  };
  /** Reads every table of a SQLite database into Arrow tables. */
  readSqlite(source: {
    name: string;
    path?: string;
    bytes?: Uint8Array;
  }): Promise<{ name: string; table: Table }[]>;
}

/** What a registration produced: its tables (the first sheet's alias view first, if any). */
export interface LoadedSource {
  name: string;
  format: SourceFormat;
  fingerprint: string;
  tables: { table: string; part?: string }[];
}

interface StagedPart {
  table: string;
  part?: string;
  load: (stage: string) => Promise<void>;
}

/** Staging tables are hidden from the catalog. */
export const STAGE_PREFIX = '__facet_stage_';
/** The line-size limit for CSV files whose lines exceed DuckDB's default (64 MiB). */
const LONG_LINES = 64 * 1024 * 1024;

export class SourceLoader {
  private stageCounter = 0;

  constructor(
    private readonly backend: SqlBackend,
    private readonly env: EngineEnvironment,
  ) {}

  /** Reads a source into its tables; nothing is left behind when it fails. */
  async load(input: SourceInput): Promise<LoadedSource> {
    const name = input.name || input.path || 'data';
    const { head, size, fingerprint } = await this.inspect(input, name);
    if (size === 0)
      throw new SourceFormatError(name, `"${name}" is empty (0 bytes): there is nothing to import.`);
    const format = input.format ?? detectFormat(name, head);
    if (format === undefined) {
      throw new SourceFormatError(
        name,
        `Cannot tell what kind of file "${name}" is. Facet reads CSV, TSV, Parquet, JSON, NDJSON, Excel (.xlsx), Arrow (.arrow) and SQLite files.`,
      );
    }
    const base = input.tableName ? sanitizeIdentifier(input.tableName) : tableNameForFile(name);
    const parts = await this.planParts(input, name, format, base, head);
    const staged: { stage: string; part: StagedPart }[] = [];
    try {
      for (const part of parts) {
        const stage = this.nextStage();
        staged.push({ stage, part });
        await part.load(stage);
      }
    } catch (error) {
      await this.dropQuietly(staged.map((s) => s.stage));
      throw sourceError(name, format, error, await this.csvHints(input, format, head, error));
    }
    await this.promote(staged.map(({ stage, part }) => ({ stage, table: part.table })));
    // Compress the new data now, as part of the import: otherwise DuckDB's automatic checkpoint
    // lands on some later query and stalls it (seconds on 10M rows).
    await this.backend.run('CHECKPOINT', []).catch(() => undefined);
    const tables = parts.map((p) => ({ table: p.table, ...(p.part !== undefined ? { part: p.part } : {}) }));
    // A workbook with several sheets is also reachable by the file's name (its first sheet).
    const first = parts[0];
    if (format === 'xlsx' && parts.length > 1 && first) {
      await this.createAliasView(base, first.table);
      tables.unshift({ table: base, ...(first.part !== undefined ? { part: first.part } : {}) });
    }
    return {
      name,
      format,
      fingerprint: fingerprintStrings([
        fingerprint,
        format,
        input.sheet ?? '',
        JSON.stringify(input.csv ?? {}),
      ]),
      tables,
    };
  }

  /** Puts an Arrow table in place under `name` (sanitised); returns the table's name. */
  async loadArrow(name: string, data: Table): Promise<string> {
    const table = sanitizeIdentifier(name);
    const stage = this.nextStage();
    try {
      await this.backend.createTableFromArrow(stage, data);
    } catch (error) {
      await this.dropQuietly([stage]);
      throw sourceError(name, 'arrow', error);
    }
    await this.promote([{ stage, table }]);
    return table;
  }

  /** Which of these names are tables and which views (absent names are left out). */
  async objectKinds(names: string[]): Promise<Map<string, 'TABLE' | 'VIEW'>> {
    const list = names.map(quoteString).join(', ');
    const rows = await this.rows(
      `SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN (${list}) ` +
        `UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' AND view_name IN (${list})`,
    );
    return new Map(rows.map((r) => [String(r.name), r.kind as 'TABLE' | 'VIEW']));
  }

  private nextStage(): string {
    return `${STAGE_PREFIX}${++this.stageCounter}`;
  }

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    return tableToRows((await this.backend.run(sql, [])).table);
  }

  private requireFiles(): NonNullable<EngineEnvironment['files']> {
    if (!this.env.files)
      throw new InvalidArgumentError('This runtime cannot open files by path; pass the file bytes.');
    return this.env.files;
  }

  private async inspect(
    input: SourceInput,
    name: string,
  ): Promise<{ head: Uint8Array; size: number; fingerprint: string }> {
    if (input.bytes) {
      return {
        head: input.bytes.subarray(0, 4096),
        size: input.bytes.length,
        fingerprint: fingerprintBytes(input.bytes),
      };
    }
    if (input.path === undefined)
      throw new InvalidArgumentError(`No path or bytes were given for "${name}".`);
    const files = this.requireFiles();
    const stat = await files.stat(input.path);
    const head = stat.size === 0 ? new Uint8Array() : await files.readHead(input.path, 4096);
    return { head, size: stat.size, fingerprint: `${stat.size}-${stat.mtimeMs}-${fingerprintBytes(head)}` };
  }

  private async bytesOf(input: SourceInput): Promise<Uint8Array> {
    if (input.bytes) return input.bytes;
    return this.requireFiles().readAll(input.path as string);
  }

  /** Decides which tables a source becomes and how each is loaded. */
  private async planParts(
    input: SourceInput,
    name: string,
    format: SourceFormat,
    base: string,
    head: Uint8Array,
  ): Promise<StagedPart[]> {
    const b = this.backend;
    if (b.readsNatively(format)) {
      const load = async (stage: string): Promise<void> => {
        const bytes = input.bytes ?? (b.readsPaths ? undefined : await this.bytesOf(input));
        const path = bytes === undefined ? input.path : undefined;
        try {
          await b.createTableFromFile(stage, { name, path, bytes, format, csv: input.csv });
        } catch (error) {
          // Long cells (JSON blobs, free text) exceed DuckDB's 2 MB line limit; a bigger limit costs
          // import speed on every file, so it is only used for files that need it.
          if (!/Maximum line size/i.test(String(error)) || input.csv?.maxLineSize !== undefined) throw error;
          await b.run(`DROP TABLE IF EXISTS ${quoteIdent(stage)}`, []);
          await b.createTableFromFile(stage, {
            name,
            path,
            bytes,
            format,
            csv: { ...input.csv, maxLineSize: LONG_LINES },
          });
        }
        // DuckDB's sniffer falls back to a single column when rows disagree on their field count
        // (a ragged file). When the header clearly uses a delimiter, read again with it so the
        // bad row is reported instead of silently importing one text column.
        const delimiter =
          (format === 'csv' || format === 'tsv') && !input.csv?.delimiter ? headerDelimiter(head) : undefined;
        if (delimiter !== undefined && (await this.columnCount(stage)) === 1) {
          await b.run(`DROP TABLE ${quoteIdent(stage)}`, []);
          await b.createTableFromFile(stage, { name, path, bytes, format, csv: { ...input.csv, delimiter } });
        }
      };
      return [{ table: base, load }];
    }
    const fromArrow = (table: string, data: Table, part?: string): StagedPart => ({
      table,
      part,
      load: (stage) => b.createTableFromArrow(stage, data),
    });
    try {
      switch (format) {
        case 'parquet':
          return [fromArrow(base, await readParquet(await this.bytesOf(input)))];
        case 'arrow':
          return [fromArrow(base, readArrowIpc(await this.bytesOf(input)))];
        case 'json':
        case 'ndjson':
          return [fromArrow(base, readJson(await this.bytesOf(input), format))];
        case 'xlsx': {
          const sheets = readXlsx(await this.bytesOf(input), { sheet: input.sheet });
          if (sheets.length === 1 && sheets[0]) return [fromArrow(base, sheets[0].table, sheets[0].name)];
          return sheets.map((s) => fromArrow(`${base}_${sanitizeIdentifier(s.name)}`, s.table, s.name));
        }
        case 'sqlite': {
          const tables = await this.env.readSqlite({ name, path: input.path, bytes: input.bytes });
          if (tables.length === 0) throw new Error('the database has no tables');
          if (tables.length === 1 && tables[0]) return [fromArrow(base, tables[0].table, tables[0].name)];
          return tables.map((t) => fromArrow(`${base}_${sanitizeIdentifier(t.name)}`, t.table, t.name));
        }
        default:
          throw new Error(`no reader for ${format} in this runtime`);
      }
    } catch (error) {
      throw sourceError(name, format, error);
    }
  }

  /** Swaps staged tables in under their final names in one transaction. */
  private async promote(staged: { stage: string; table: string }[]): Promise<void> {
    const kinds = await this.objectKinds(staged.map((s) => s.table));
    const statements = ['BEGIN TRANSACTION'];
    for (const { stage, table } of staged) {
      const kind = kinds.get(table);
      if (kind) statements.push(`DROP ${kind} ${quoteIdent(table)}`);
      statements.push(`ALTER TABLE ${quoteIdent(stage)} RENAME TO ${quoteIdent(table)}`);
    }
    statements.push('COMMIT');
    try {
      await this.backend.run(statements.join(';\n'), []);
    } catch (error) {
      await this.backend.run('ROLLBACK', []).catch(() => undefined);
      await this.dropQuietly(staged.map((s) => s.stage));
      throw sqlErrorFromDuckDb(error, '');
    }
  }

  private async createAliasView(name: string, target: string): Promise<void> {
    const kind = (await this.objectKinds([name])).get(name);
    const drop = kind ? `DROP ${kind} ${quoteIdent(name)};` : '';
    await this.backend.run(
      `${drop} CREATE VIEW ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(target)}`,
      [],
    );
  }

  /** For CSV files DuckDB could not parse, finds the first ragged row itself. */
  private async csvHints(
    input: SourceInput,
    format: SourceFormat,
    head: Uint8Array,
    error: unknown,
  ): Promise<SourceErrorHints> {
    if (format !== 'csv' && format !== 'tsv') return {};
    const message = error instanceof Error ? error.message : String(error);
    if (
      !/detect the CSV parsing dialect|Expected Number of Columns/i.test(message) ||
      /Line: \d+/.test(message)
    )
      return {};
    const delimiter = input.csv?.delimiter ?? (format === 'tsv' ? '\t' : headerDelimiter(head));
    if (delimiter === undefined) return {};
    const sample =
      input.bytes?.subarray(0, 8 << 20) ??
      (input.path ? await this.env.files?.readHead(input.path, 8 << 20) : undefined);
    const line = sample ? findRaggedLine(new TextDecoder().decode(sample), delimiter) : undefined;
    return line === undefined
      ? {}
      : { line, reason: 'a row has a different number of fields than the header' };
  }

  private async columnCount(table: string): Promise<number> {
    const rows = await this.rows(
      `SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = ${quoteString(table)}`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async dropQuietly(tables: string[]): Promise<void> {
    for (const table of tables) {
      await this.backend.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`, []).catch(() => undefined);
    }
  }
}

/** The delimiter a CSV header line uses, if it has exactly one kind of the usual ones. */
function headerDelimiter(head: Uint8Array): string | undefined {
  const firstLine = new TextDecoder().decode(head).split(/\r?\n/, 1)[0] ?? '';
  const found = [',', '\t', ';', '|'].filter((d) => firstLine.includes(d));
  return found.length === 1 ? found[0] : undefined;
}

function readArrowIpc(bytes: Uint8Array): Table {
  try {
    return tableFromIPC(bytes);
  } catch (error) {
    throw new Error(`not a valid Arrow IPC file (${error instanceof Error ? error.message : String(error)})`);
  }
}
