/** The DuckDB table function call that reads a file in a given format. */
import { quoteString } from '../sql/identifiers.ts';
import type { NativeFileSource } from './backend.ts';

export function fileReaderSql(filePath: string, source: NativeFileSource): string {
  const file = quoteString(filePath);
  switch (source.format) {
    case 'csv':
    case 'tsv': {
      const options = ['auto_detect = true', 'sample_size = 20480', 'strict_mode = true'];
      const delimiter = source.csv?.delimiter ?? (source.format === 'tsv' ? '\t' : undefined);
      if (delimiter !== undefined) options.push(`delim = ${quoteString(delimiter)}`);
      if (source.csv?.header !== undefined) options.push(`header = ${source.csv.header}`);
      if (source.csv?.quote !== undefined) options.push(`quote = ${quoteString(source.csv.quote)}`);
      return `read_csv(${file}, ${options.join(', ')})`;
    }
    case 'parquet':
      return `read_parquet(${file})`;
    case 'json':
      return `read_json(${file}, format = 'auto')`;
    case 'ndjson':
      return `read_json(${file}, format = 'newline_delimited')`;
    default:
      throw new Error(`DuckDB cannot read ${source.format} files directly`);
  }
}
