/** Source formats the engine reads, how they are detected, and their display names. */

export type SourceFormat = 'csv' | 'tsv' | 'parquet' | 'json' | 'ndjson' | 'xlsx' | 'arrow' | 'sqlite';

export const SOURCE_FORMATS: readonly SourceFormat[] = [
  'csv',
  'tsv',
  'parquet',
  'json',
  'ndjson',
  'xlsx',
  'arrow',
  'sqlite',
];

const EXTENSIONS: Record<string, SourceFormat> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  db: 'sqlite',
};

/** The format a file name's extension implies, or undefined. */
export function formatFromFileName(name: string): SourceFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : EXTENSIONS[ext];
}

/** The format the first bytes of a file prove, for the binary formats with magic numbers. */
export function formatFromMagic(head: Uint8Array): SourceFormat | undefined {
  const ascii = String.fromCharCode(...head.subarray(0, 16));
  if (ascii.startsWith('PAR1')) return 'parquet';
  if (ascii.startsWith('ARROW1')) return 'arrow';
  if (ascii.startsWith('SQLite format 3\0')) return 'sqlite';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  // An Arrow IPC *stream* starts with a continuation marker (0xFFFFFFFF).
  if (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow';
  return undefined;
}

/**
 * Decides a file's format: binary magic numbers win over the extension (a Parquet file named
 * `.csv` is still Parquet); text formats go by extension.
 */
export function detectFormat(name: string, head: Uint8Array): SourceFormat | undefined {
  const magic = formatFromMagic(head);
  const byName = formatFromFileName(name);
  if (magic !== undefined) {
    // A .xlsx-looking zip that is named otherwise is still only an xlsx if we are told so.
    if (magic === 'xlsx' && byName !== undefined && byName !== 'xlsx') return byName;
    return magic;
  }
  if (byName === 'json' && looksLikeNdjson(head)) return 'ndjson';
  return byName;
}

/** A `.json` file whose first value is an object followed by a newline and another object. */
function looksLikeNdjson(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 4096)).trimStart();
  if (!text.startsWith('{')) return false;
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  if (!firstLine.endsWith('}')) return false;
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}

/** Formats whose bytes are text (so encoding problems can occur). */
export function isTextFormat(format: SourceFormat): boolean {
  return format === 'csv' || format === 'tsv' || format === 'json' || format === 'ndjson';
}
