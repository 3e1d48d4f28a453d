/**
 * Builds Arrow tables from columns of plain JavaScript values (what the JS readers for Parquet,
 * Excel and SQLite produce). A column's type comes from a hint when the source declares one, or is
 * inferred from its values; values that do not fit the type become text rather than being lost.
 */
import {
  Binary,
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Schema,
  Table,
  TimestampMicrosecond,
  Utf8,
  type Vector,
} from 'apache-arrow';

export type ColumnHint =
  'boolean' | 'int32' | 'int64' | 'double' | 'date' | 'timestamp' | 'string' | 'binary';

export interface JsColumn {
  name: string;
  values: ArrayLike<unknown>;
  hint?: ColumnHint;
}

/** Makes an Arrow table; duplicate or empty column names get a numeric suffix. */
export function columnsToTable(columns: readonly JsColumn[]): Table {
  const names = uniqueNames(columns.map((c) => c.name));
  const vectors = columns.map((c) =>
    toVector(c.values, c.hint !== undefined && allFit(c.values, c.hint) ? c.hint : inferHint(c.values)),
  );
  if (columns.length === 0) return new Table(new Schema([]));
  const fields = vectors.map((v, i) => new Field(names[i] as string, v.type, true));
  return new Table(Object.fromEntries(fields.map((f, i) => [f.name, vectors[i] as Vector])));
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim() === '' ? `column${i + 1}` : raw;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}_${n}`;
  });
}

/** True when every non-null value can be stored as `hint` without loss. */
function allFit(values: ArrayLike<unknown>, hint: ColumnHint): boolean {
  const fits = FITS[hint];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && !fits(v)) return false;
  }
  return true;
}

const isWholeNumber = (v: unknown): boolean =>
  typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
const FITS: Record<ColumnHint, (v: unknown) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  int32: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2_147_483_647,
  int64: isWholeNumber,
  double: (v) => typeof v === 'number' || typeof v === 'bigint',
  date: (v) => v instanceof Date && v.getTime() % 86_400_000 === 0,
  timestamp: (v) => v instanceof Date,
  string: () => true,
  binary: (v) => v instanceof Uint8Array,
};

/** Picks the narrowest type all non-null values fit. */
export function inferHint(values: ArrayLike<unknown>): ColumnHint {
  let hint: ColumnHint | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const h = hintOf(v);
    if (hint === undefined) hint = h;
    else if (hint !== h) hint = widen(hint, h);
    if (hint === 'string') break;
  }
  return hint ?? 'string';
}

function hintOf(v: unknown): ColumnHint {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2_147_483_647 ? 'int32' : 'double';
  if (v instanceof Date) {
    return v.getUTCHours() === 0 &&
      v.getUTCMinutes() === 0 &&
      v.getUTCSeconds() === 0 &&
      v.getUTCMilliseconds() === 0
      ? 'date'
      : 'timestamp';
  }
  if (v instanceof Uint8Array) return 'binary';
  return 'string';
}

function widen(a: ColumnHint, b: ColumnHint): ColumnHint {
  const numeric: ColumnHint[] = ['int32', 'int64', 'double'];
  if (numeric.includes(a) && numeric.includes(b)) {
    if (a === 'double' || b === 'double') return 'double';
    return 'int64';
  }
  if ((a === 'date' && b === 'timestamp') || (a === 'timestamp' && b === 'date')) return 'timestamp';
  return 'string';
}

function validity(
  values: ArrayLike<unknown>,
  ok: (v: unknown) => boolean,
): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (ok(values[i])) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bitmap, nulls };
}

function toVector(values: ArrayLike<unknown>, hint: ColumnHint): Vector {
  const n = values.length;
  switch (hint) {
    case 'int32':
    case 'double': {
      const isOk = (v: unknown): boolean => typeof v === 'number' || typeof v === 'bigint';
      const { bitmap, nulls } = validity(values, isOk);
      const data = hint === 'int32' ? new Int32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (isOk(v)) data[i] = Number(v);
      }
      const type = hint === 'int32' ? new Int32() : new Float64();
      return makeVector(
        makeData({ type, length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data } as never),
      );
    }
    case 'int64': {
      const isOk = (v: unknown): boolean =>
        typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
      const { bitmap, nulls } = validity(values, isOk);
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (isOk(v)) data[i] = BigInt(v as number | bigint);
      }
      return makeVector(
        makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data }),
      );
    }
    case 'date':
    case 'timestamp': {
      const isOk = (v: unknown): boolean => v instanceof Date && !Number.isNaN(v.getTime());
      const { bitmap, nulls } = validity(values, isOk);
      if (hint === 'date') {
        const data = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (isOk(v)) data[i] = Math.floor((v as Date).getTime() / 86_400_000);
        }
        return makeVector(
          makeData({
            type: new DateDay(),
            length: n,
            nullCount: nulls,
            nullBitmap: nulls ? bitmap : null,
            data,
          }),
        );
      }
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (isOk(v)) data[i] = BigInt((v as Date).getTime()) * 1000n;
      }
      return makeVector(
        makeData({
          type: new TimestampMicrosecond(),
          length: n,
          nullCount: nulls,
          nullBitmap: nulls ? bitmap : null,
          data,
        }),
      );
    }
    // Booleans and bytes are built by hand too: Arrow's builders compile code with `new Function`,
    // which a page's Content-Security-Policy (the browser app's) forbids.
    case 'boolean': {
      const isOk = (v: unknown): boolean => typeof v === 'boolean';
      const { bitmap, nulls } = validity(values, isOk);
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
      return makeVector(
        makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data }),
      );
    }
    case 'binary': {
      const isOk = (v: unknown): boolean => v instanceof Uint8Array;
      const { bitmap, nulls } = validity(values, isOk);
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        offsets[i + 1] = offsets[i]! + (v instanceof Uint8Array ? v.length : 0);
      }
      const data = new Uint8Array(offsets[n]!);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v instanceof Uint8Array) data.set(v, offsets[i]);
      }
      return makeVector(
        makeData({
          type: new Binary(),
          length: n,
          nullCount: nulls,
          nullBitmap: nulls ? bitmap : null,
          valueOffsets: offsets,
          data,
        }),
      );
    }
    default:
      return utf8Vector(values);
  }
}

/**
 * Builds a Utf8 vector straight into one byte buffer (Arrow's generic builder is several times
 * slower on millions of strings). Repeated strings are encoded once.
 */
function utf8Vector(values: ArrayLike<unknown>): Vector {
  const n = values.length;
  const encoder = new TextEncoder();
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(1024, n * 8));
  const bitmap = new Uint8Array((n + 7) >> 3);
  const cache = new Map<string, Uint8Array>();
  let nulls = 0;
  let position = 0;
  for (let i = 0; i < n; i++) {
    const text = toText(values[i]);
    if (text === null) {
      nulls++;
      offsets[i + 1] = position;
      continue;
    }
    bitmap[i >> 3]! |= 1 << (i & 7);
    let encoded = cache.get(text);
    if (encoded === undefined) {
      encoded = encoder.encode(text);
      if (cache.size < 65_536) cache.set(text, encoded);
    }
    if (position + encoded.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, position + encoded.length));
      grown.set(bytes.subarray(0, position));
      bytes = grown;
    }
    bytes.set(encoded, position);
    position += encoded.length;
    offsets[i + 1] = position;
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount: nulls,
      nullBitmap: nulls ? bitmap : null,
      valueOffsets: offsets,
      data: bytes.subarray(0, position),
    }),
  );
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'object') {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  }
  return String(v);
}
