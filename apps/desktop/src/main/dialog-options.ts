/**
 * What the native file dialogs offer and how their answers are read: the data files Import offers,
 * the formats Export writes (picked by the file's extension), and the folder and name a new
 * project gets from a save dialog.
 */
import path from 'node:path';

export type ExportFormat = 'csv' | 'parquet' | 'json' | 'xlsx';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Extensions Import offers (the engine reads each; see engine/common sources/formats.ts). */
export const DATA_FILE_EXTENSIONS = [
  'csv',
  'tsv',
  'tab',
  'txt',
  'parquet',
  'pq',
  'json',
  'ndjson',
  'jsonl',
  'xlsx',
  'xlsm',
  'arrow',
  'feather',
  'ipc',
  'sqlite',
  'sqlite3',
  'db',
] as const;

export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Data files', extensions: [...DATA_FILE_EXTENSIONS] },
  { name: 'All files', extensions: ['*'] },
];

/** Export formats in the order the dialog offers them (the first is the default). */
export const EXPORT_FILTERS: (FileFilter & { format: ExportFormat })[] = [
  { name: 'CSV', extensions: ['csv'], format: 'csv' },
  { name: 'Parquet', extensions: ['parquet'], format: 'parquet' },
  { name: 'JSON', extensions: ['json'], format: 'json' },
  { name: 'Excel workbook', extensions: ['xlsx'], format: 'xlsx' },
];

export const PROJECT_EXTENSION = '.facet';

/**
 * The file to write and its format for a path chosen in the export dialog: the extension decides;
 * a path without a known one (Linux dialogs do not always add it) gets `.csv`.
 */
export function exportTarget(chosen: string): { path: string; format: ExportFormat } {
  const ext = path.extname(chosen).slice(1).toLowerCase();
  const known = EXPORT_FILTERS.find((f) => f.extensions.includes(ext));
  return known ? { path: chosen, format: known.format } : { path: `${chosen}.csv`, format: 'csv' };
}

/** The parent folder and project name for a path chosen in the New Project dialog. */
export function newProjectTarget(chosen: string): { parentDir: string; name: string } {
  const base = path.basename(chosen);
  const name = base.toLowerCase().endsWith(PROJECT_EXTENSION)
    ? base.slice(0, -PROJECT_EXTENSION.length)
    : base;
  return { parentDir: path.dirname(chosen), name };
}
