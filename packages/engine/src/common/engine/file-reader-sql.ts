/** The DuckDB table function call that reads a file in a given format. */
import { quoteString } from '../sql/identifiers.ts';
import type { NativeFileSource } from './backend.ts';

export function fileReaderSql(filePath: string, source: NativeFileSource): string {
  const file = quoteString(filePath);
  switch (source.format) {
    case 'csv':
    case 'tsv': {
      // Long cells (JSON blobs, text) are common in exports: allow lines up to 64 MiB (default 2 MB).
      const options = [
        'auto_detect = true',
        'sample_size = 20480',
        'strict_mode = true',
        'max_line_size = 67108864',
      ];
      const delimiter = source.csv?.delimiter ?? (source.format === 'tsv' ? '\t' : undefined);
      if (delimiter !== undefined) options.push(`delim = ${quoteString(delimiter)}`);
      if (source.csv?.header !== undefined) options.push(`header = ${source.csv.header}`);
      if (source.csv?.quote !== undefined) options.push(`quote = ${quoteString(source.csv.quote)}`);
      return `read_csv(${file}, ${options.join(', ')})`;
    }
    case 'parquet':
      return `read_parquet(${file})`;
    // Types are detected 32 levels deep; deeper values stay JSON. Without a bound, hostile nesting
    // (thousands of levels) makes DuckDB build a type so deep it exhausts memory.
    case 'json':
      return `read_json(${file}, format = 'auto', maximum_depth = 32)`;
    case 'ndjson':
      return `read_json(${file}, format = 'newline_delimited', maximum_depth = 32)`;
    default:
      throw new Error(`DuckDB cannot read ${source.format} files directly`);
  }
}
