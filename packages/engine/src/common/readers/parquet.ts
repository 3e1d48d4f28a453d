/**
 * Parquet → Arrow with hyparquet (pure JavaScript), for runtimes whose DuckDB cannot read Parquet
 * offline (DuckDB-WASM). Columns are read chunk by chunk and typed from the file's schema.
 */
import type { Table } from 'apache-arrow';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { SchemaElement } from 'hyparquet/src/types.js';
import { compressors } from 'hyparquet-compressors';
import { type ColumnHint, columnsToTable } from '../arrow/from-columns.ts';

/** Reads a whole Parquet file into an Arrow table. Throws on malformed or truncated files. */
export async function readParquet(bytes: Uint8Array): Promise<Table> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(buffer);
  const schema = parquetSchema(metadata);
  const top = schema.children.map((child) => child.element);
  const rows = Number(metadata.num_rows);
  const columns = new Map<string, unknown[]>(top.map((e) => [e.name, new Array<unknown>(rows)]));
  await parquetRead({
    file: buffer,
    metadata,
    compressors,
    onChunk({ columnName, columnData, rowStart }) {
      const target = columns.get(columnName);
      if (!target) return;
      for (let i = 0; i < columnData.length; i++) target[rowStart + i] = columnData[i];
    },
  });
  return columnsToTable(
    top.map((element) => ({
      name: element.name,
      values: columns.get(element.name) ?? [],
      ...hintFor(element),
    })),
  );
}

function hintFor(element: SchemaElement): { hint?: ColumnHint } {
  if (element.num_children) return {};
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === 'DATE' || converted === 'DATE') return { hint: 'date' };
  if (
    logical === 'TIMESTAMP' ||
    converted === 'TIMESTAMP_MILLIS' ||
    converted === 'TIMESTAMP_MICROS' ||
    element.type === 'INT96'
  ) {
    return { hint: 'timestamp' };
  }
  if (logical === 'STRING' || converted === 'UTF8' || logical === 'ENUM' || logical === 'JSON')
    return { hint: 'string' };
  if (logical === 'DECIMAL' || converted === 'DECIMAL') return { hint: 'double' };
  switch (element.type) {
    case 'BOOLEAN':
      return { hint: 'boolean' };
    case 'INT32':
      return { hint: converted === 'UINT_32' ? 'int64' : 'int32' };
    case 'INT64':
      return { hint: 'int64' };
    case 'FLOAT':
    case 'DOUBLE':
      return { hint: 'double' };
    default:
      return {};
  }
}
