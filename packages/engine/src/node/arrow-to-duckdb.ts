/**
 * Arrow table → native DuckDB table, through DuckDB's appender in data chunks. Used for sources the
 * native runtime cannot read itself offline (Excel, SQLite, Arrow IPC).
 */
import {
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampValue,
  DuckDBDateValue,
  DuckDBTimeValue,
  DuckDBDecimalValue,
  DuckDBBlobValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { type Data, DataType, type Table, TimeUnit, type Vector } from 'apache-arrow';
import { duckdbTypeForArrow } from '@facet/engine/common';

const CHUNK = 2048;

/** Creates `table` with columns typed from the Arrow schema and appends every row. */
export async function createTableFromArrow(
  connection: DuckDBConnection,
  table: string,
  data: Table,
): Promise<void> {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  const fields = data.schema.fields;
  if (fields.length === 0) throw new Error('the data has no columns');
  const columns = fields.map((f) => `"${f.name.replaceAll('"', '""')}" ${sqlType(f.type)}`);
  await connection.run(`CREATE TABLE ${quoted} (${columns.join(', ')})`);
  const appender = await connection.createAppender(table);
  try {
    const described = await connection.run(`SELECT * FROM ${quoted} LIMIT 0`);
    const types = described.columnTypes();
    const readers = fields.map((f, c) => valueReader(data.getChildAt(c) as Vector, f.type));
    for (let start = 0; start < data.numRows; start += CHUNK) {
      const count = Math.min(CHUNK, data.numRows - start);
      const chunk = DuckDBDataChunk.create(types, count);
      for (let c = 0; c < fields.length; c++) {
        const read = readers[c] as (i: number) => DuckDBValue;
        const values: DuckDBValue[] = new Array<DuckDBValue>(count);
        for (let i = 0; i < count; i++) values[i] = read(start + i);
        chunk.setColumnValues(c, values);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function sqlType(type: DataType): string {
  const name = duckdbTypeForArrow(type);
  // Nested and exotic types are stored as their text form.
  if (
    name.endsWith('[]') ||
    name.startsWith('STRUCT') ||
    name === 'MAP' ||
    name === 'INTERVAL' ||
    name === 'NULL'
  )
    return 'VARCHAR';
  if (name.startsWith('DECIMAL') && DataType.isDecimal(type) && type.precision > 38) return 'DOUBLE';
  return name;
}

/** Reads row `i` of a column as the DuckDBValue its SQL type expects. */
function valueReader(vector: Vector, type: DataType): (i: number) => DuckDBValue {
  const get = (i: number): unknown => vector.get(i);
  const isNull = (i: number): boolean => !vector.isValid(i);
  const raw = rawReader(vector);
  if (DataType.isInt(type) && type.bitWidth === 64)
    return (i) => (isNull(i) ? null : BigInt(get(i) as bigint));
  if (DataType.isInt(type) || DataType.isFloat(type)) return (i) => (isNull(i) ? null : Number(get(i)));
  if (DataType.isBool(type)) return (i) => (isNull(i) ? null : Boolean(get(i)));
  if (DataType.isDate(type)) {
    return (i) => (isNull(i) ? null : new DuckDBDateValue(Math.floor(Number(get(i)) / 86_400_000)));
  }
  if (DataType.isTimestamp(type)) {
    const make = {
      [TimeUnit.SECOND]: (v: bigint) => new DuckDBTimestampSecondsValue(v),
      [TimeUnit.MILLISECOND]: (v: bigint) => new DuckDBTimestampMillisecondsValue(v),
      [TimeUnit.MICROSECOND]: (v: bigint) => new DuckDBTimestampValue(v),
      [TimeUnit.NANOSECOND]: (v: bigint) => new DuckDBTimestampNanosecondsValue(v),
    }[type.unit];
    return (i) => (isNull(i) ? null : make(raw(i)));
  }
  if (DataType.isTime(type)) {
    const scale = {
      [TimeUnit.SECOND]: 1_000_000n,
      [TimeUnit.MILLISECOND]: 1_000n,
      [TimeUnit.MICROSECOND]: 1n,
      [TimeUnit.NANOSECOND]: 1n,
    }[type.unit];
    const div = type.unit === TimeUnit.NANOSECOND ? 1000n : 1n;
    return (i) => (isNull(i) ? null : new DuckDBTimeValue((raw(i) * scale) / div));
  }
  if (DataType.isDecimal(type) && type.precision <= 38) {
    const words = (i: number): bigint => {
      const [data, offset] = locate(vector, i);
      const w = data.values as Uint32Array;
      const stride = type.bitWidth / 32;
      let x = 0n;
      for (let k = stride - 1; k >= 0; k--) x = (x << 32n) | BigInt(w[offset * stride + k] as number);
      const bits = BigInt(stride * 32);
      return x >> (bits - 1n) === 1n ? x - (1n << bits) : x;
    };
    return (i) => (isNull(i) ? null : new DuckDBDecimalValue(words(i), type.precision, type.scale));
  }
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) {
    return (i) => (isNull(i) ? null : new DuckDBBlobValue(get(i) as Uint8Array));
  }
  return (i) => {
    if (isNull(i)) return null;
    const v = get(i);
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && v !== null) {
      const { toJSON } = v as { toJSON?: () => unknown };
      const json = typeof toJSON === 'function' ? toJSON.call(v) : v;
      return JSON.stringify(json, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
    }
    return String(v);
  };
}

/** The chunk holding global row `i` and the row's index inside it. */
function locate(vector: Vector, i: number): [Data, number] {
  let rest = i;
  for (const data of vector.data) {
    if (rest < data.length) return [data as Data, rest];
    rest -= data.length;
  }
  throw new RangeError(`row ${i} is out of range`);
}

/** Reads a 64-bit raw value (timestamps, times) exactly, without Arrow's lossy number conversion. */
function rawReader(vector: Vector): (i: number) => bigint {
  return (i) => {
    const [data, offset] = locate(vector, i);
    return BigInt((data.values as BigInt64Array | Int32Array)[offset] as bigint | number);
  };
}
