/**
 * Native DuckDB data chunks → Arrow record batches, with the same Arrow types DuckDB-WASM produces
 * (BIGINT → Int64, DECIMAL/HUGEINT → Decimal128, DATE → Date32, TIMESTAMP → Timestamp(µs), …), so
 * results look identical whichever runtime ran them. Types without a direct mapping (INTERVAL,
 * nested and exotic types) arrive as their DuckDB text form.
 */
import type { DataType } from 'apache-arrow';
import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  makeData,
  Map_,
  RecordBatch,
  Schema,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  vectorFromArray,
  type Data,
} from 'apache-arrow';
import {
  type DuckDBDataChunk,
  type DuckDBListType,
  type DuckDBType,
  DuckDBTypeId,
  JSDuckDBValueConverter,
} from '@duckdb/node-api';

type Raw = unknown;

/** Collects chunks and turns them into Arrow record batches of the result's schema. */
export class ArrowBatchBuilder {
  readonly schema: Schema;
  private columns: Raw[][];
  private rows = 0;

  constructor(
    names: readonly string[],
    private readonly types: readonly DuckDBType[],
  ) {
    this.schema = new Schema(types.map((t, i) => new Field(uniqueName(names, i), arrowTypeFor(t), true)));
    this.columns = types.map(() => []);
  }

  get bufferedRows(): number {
    return this.rows;
  }

  add(chunk: DuckDBDataChunk): void {
    const n = chunk.rowCount;
    for (let c = 0; c < this.types.length; c++) {
      const target = this.columns[c] as Raw[];
      if (isNested(this.types[c] as DuckDBType)) {
        // Nested values go through DuckDB's JS converter and Arrow's builders.
        for (const value of chunk.convertColumnValues(c, JSDuckDBValueConverter)) target.push(value);
        continue;
      }
      const vector = chunk.getColumnVector(c);
      for (let i = 0; i < n; i++) target.push(vector.getItem(i));
    }
    this.rows += n;
  }

  /** The buffered rows as one record batch (then empties the buffer). */
  flush(): RecordBatch {
    const children = this.types.map((type, c) =>
      buildData(type, this.schema.fields[c]!.type as DataType, this.columns[c] as Raw[]),
    );
    const data = makeData({
      type: new Struct(this.schema.fields),
      length: this.rows,
      nullCount: 0,
      children,
    });
    this.columns = this.types.map(() => []);
    this.rows = 0;
    return new RecordBatch(this.schema, data);
  }
}

function uniqueName(names: readonly string[], i: number): string {
  const name = names[i] ?? `column${i}`;
  const before = names.slice(0, i).filter((n) => n === name).length;
  // DuckDB's own convention (as in subqueries): a, a_1, a_2, …
  return before === 0 ? name : `${name}_${before}`;
}

function isNested(type: DuckDBType): boolean {
  return (
    type.typeId === DuckDBTypeId.LIST ||
    type.typeId === DuckDBTypeId.ARRAY ||
    type.typeId === DuckDBTypeId.STRUCT ||
    type.typeId === DuckDBTypeId.MAP
  );
}

/** The Arrow type a DuckDB type is exported as. */
export function arrowTypeFor(type: DuckDBType): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return new List(new Field('l', nestedChildType((type as DuckDBListType).valueType), true));
    case DuckDBTypeId.MAP: {
      const map = type;
      const entries = new Struct([
        new Field('key', nestedChildType(map.keyType), false),
        new Field('value', nestedChildType(map.valueType), true),
      ]);
      return new Map_(new Field('entries', entries, false));
    }
    case DuckDBTypeId.STRUCT: {
      const struct = type;
      return new Struct(
        struct.entryNames.map(
          (name, i) => new Field(name, nestedChildType(struct.entryTypes[i] as DuckDBType), true),
        ),
      );
    }
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
      return new Int8();
    case DuckDBTypeId.SMALLINT:
      return new Int16();
    case DuckDBTypeId.INTEGER:
      return new Int32();
    case DuckDBTypeId.BIGINT:
      return new Int64();
    case DuckDBTypeId.UTINYINT:
      return new Uint8();
    case DuckDBTypeId.USMALLINT:
      return new Uint16();
    case DuckDBTypeId.UINTEGER:
      return new Uint32();
    case DuckDBTypeId.UBIGINT:
      return new Uint64();
    case DuckDBTypeId.FLOAT:
      return new Float32();
    case DuckDBTypeId.DOUBLE:
      return new Float64();
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return new Decimal(0, 38, 128);
    case DuckDBTypeId.DECIMAL: {
      const t = type as unknown as { width: number; scale: number };
      return new Decimal(t.scale, t.width, 128);
    }
    case DuckDBTypeId.BLOB:
      return new Binary();
    case DuckDBTypeId.DATE:
      return new DateDay();
    case DuckDBTypeId.TIMESTAMP:
      return new TimestampMicrosecond();
    case DuckDBTypeId.TIMESTAMP_S:
      return new TimestampSecond();
    case DuckDBTypeId.TIMESTAMP_MS:
      return new TimestampMillisecond();
    case DuckDBTypeId.TIMESTAMP_NS:
      return new TimestampNanosecond();
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new TimestampMicrosecond('UTC');
    case DuckDBTypeId.TIME:
      return new TimeMicrosecond();
    default:
      return new Utf8();
  }
}

/**
 * Inside lists and structs, values arrive as plain JS (bigint, number, string, Date, arrays,
 * objects), so children use the Arrow types Arrow's builders fill from those.
 */
function nestedChildType(type: DuckDBType): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return new Float64();
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return new TimestampMillisecond();
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.TIME:
      return new Utf8();
    default:
      return arrowTypeFor(type);
  }
}

function bitmapFor(values: Raw[]): { nullBitmap: Uint8Array | null; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { nullBitmap: nullCount > 0 ? bitmap : null, nullCount };
}

type NumericArray =
  Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;
type BigArray = BigInt64Array | BigUint64Array;

function fixed<T extends NumericArray | BigArray>(
  type: DataType,
  values: Raw[],
  array: T,
  read: (v: NonNullable<Raw>) => number | bigint,
): Data {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) (array as unknown as (number | bigint)[])[i] = read(v);
  }
  return makeData({ type, length: values.length, data: array, ...bitmapFor(values) } as never);
}

const field =
  <K extends string>(key: K) =>
  (v: unknown): bigint =>
    (v as Record<K, bigint>)[key];

function buildData(duck: DuckDBType, type: DataType, values: Raw[]): Data {
  const n = values.length;
  const num = (v: unknown): number => v as number;
  const big = (v: unknown): bigint => v as bigint;
  switch (duck.typeId) {
    case DuckDBTypeId.TINYINT:
      return fixed(type, values, new Int8Array(n), num);
    case DuckDBTypeId.SMALLINT:
      return fixed(type, values, new Int16Array(n), num);
    case DuckDBTypeId.INTEGER:
      return fixed(type, values, new Int32Array(n), num);
    case DuckDBTypeId.UTINYINT:
      return fixed(type, values, new Uint8Array(n), num);
    case DuckDBTypeId.USMALLINT:
      return fixed(type, values, new Uint16Array(n), num);
    case DuckDBTypeId.UINTEGER:
      return fixed(type, values, new Uint32Array(n), num);
    case DuckDBTypeId.FLOAT:
      return fixed(type, values, new Float32Array(n), num);
    case DuckDBTypeId.DOUBLE:
      return fixed(type, values, new Float64Array(n), num);
    case DuckDBTypeId.BIGINT:
      return fixed(type, values, new BigInt64Array(n), big);
    case DuckDBTypeId.UBIGINT:
      return fixed(type, values, new BigUint64Array(n), big);
    case DuckDBTypeId.DATE:
      return fixed(type, values, new Int32Array(n), (v) => (v as { days: number }).days);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIME:
      return fixed(type, values, new BigInt64Array(n), field('micros'));
    case DuckDBTypeId.TIMESTAMP_S:
      return fixed(type, values, new BigInt64Array(n), field('seconds'));
    case DuckDBTypeId.TIMESTAMP_MS:
      return fixed(type, values, new BigInt64Array(n), field('millis'));
    case DuckDBTypeId.TIMESTAMP_NS:
      return fixed(type, values, new BigInt64Array(n), field('nanos'));
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL: {
      const words = new Uint32Array(n * 4);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null || v === undefined) continue;
        let x = typeof v === 'bigint' ? v : (v as { value: bigint }).value;
        if (x < 0n) x += 1n << 128n;
        for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((x >> BigInt(32 * w)) & 0xffffffffn);
      }
      return makeData({ type, length: n, data: words, ...bitmapFor(values) } as never);
    }
    case DuckDBTypeId.BOOLEAN:
      return vectorFromArray(values as (boolean | null)[], new Bool()).data[0] as Data;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
      return vectorFromArray(values.map((v) => jsForArrow(v)) as never[], type).data[0] as Data;
    case DuckDBTypeId.MAP:
      return vectorFromArray(values.map(toJsMap) as never[], type).data[0] as Data;
    case DuckDBTypeId.BLOB:
      return vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : (v as { bytes: Uint8Array }).bytes)),
        new Binary(),
      ).data[0] as Data;
    default:
      return vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : String(v))),
        new Utf8(),
      ).data[0] as Data;
  }
}

/** Makes converter output acceptable to Arrow's builders (numbers for decimals, text for the rest). */
function jsForArrow(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(jsForArrow);
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsForArrow(v)]));
  }
  return value;
}

/** Arrow's map builder takes a JS Map; DuckDB's converter may give entries, a Map or an object. */
function toJsMap(value: unknown): Map<unknown, unknown> | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [jsForArrow(k), jsForArrow(v)]));
  if (Array.isArray(value)) {
    return new Map(
      (value as { key: unknown; value: unknown }[]).map((e) => [jsForArrow(e.key), jsForArrow(e.value)]),
    );
  }
  return new Map(Object.entries(value).map(([k, v]) => [k, jsForArrow(v)]));
}
