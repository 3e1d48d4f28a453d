/**
 * A column's values as radix sort keys (see radix-sort.ts), read from Arrow's buffers where the
 * type allows: integers, dates, times and timestamps keep their exact order (64-bit ones too),
 * floats are mapped bit-wise to unsigned keys (-0 equals 0, NaN after +Infinity). Anything else
 * (text, decimals, lists, …) is converted once and ranked: numbers as floats, the rest as text in
 * code point order, as DuckDB's default collation orders it.
 */
import { type Data, DataType, makeVector, type Vector } from 'apache-arrow';
import { type JsValue, vectorToValues } from '@facet/engine/common';
import { cellText } from './cell-text.ts';
import type { SortKeys } from './radix-sort.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const [LOW, HIGH] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
const SIGN = 0x80000000;

/** The sort keys of every row of `vector`. */
export function columnSortKeys(vector: Vector): SortKeys {
  const n = vector.length;
  const keys: SortKeys = { lo: new Uint32Array(n) };
  if (vector.nullCount > 0) keys.valid = new Uint8Array(n);
  const rest: { data: Data; offset: number }[] = [];
  let offset = 0;
  for (const data of vector.data as Data[]) {
    if (keys.valid) for (let i = 0; i < data.length; i++) keys.valid[offset + i] = isValid(data, i) ? 1 : 0;
    if (!fromBuffers(data, offset, keys)) rest.push({ data, offset });
    offset += data.length;
  }
  if (rest.length > 0) fromValues(rest, keys);
  return keys;
}

function isValid(data: Data, i: number): boolean {
  return data.nullCount === 0 || data.getValid(i);
}

/** Fills keys straight from a numeric buffer; false when the type needs converting. */
function fromBuffers(data: Data, offset: number, keys: SortKeys): boolean {
  const type = data.type;
  const values: unknown = data.values;
  const numeric =
    DataType.isInt(type) ||
    DataType.isDate(type) ||
    DataType.isTime(type) ||
    DataType.isTimestamp(type) ||
    DataType.isDuration(type);
  if (DataType.isFloat(type) && (values instanceof Float64Array || values instanceof Float32Array)) {
    floatKeys(values, data, offset, keys);
    return true;
  }
  if (!numeric) return false;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const words = new Uint32Array(values.buffer, values.byteOffset, data.length * 2);
    const flip = values instanceof BigInt64Array ? SIGN : 0;
    const hi = (keys.hi ??= new Uint32Array(keys.lo.length));
    for (let i = 0; i < data.length; i++) {
      keys.lo[offset + i] = words[2 * i + LOW]!;
      hi[offset + i] = (words[2 * i + HIGH]! ^ flip) >>> 0;
    }
    return true;
  }
  if (values instanceof Int32Array || values instanceof Int16Array || values instanceof Int8Array) {
    for (let i = 0; i < data.length; i++) keys.lo[offset + i] = (values[i]! ^ SIGN) >>> 0;
    return true;
  }
  if (values instanceof Uint32Array || values instanceof Uint16Array || values instanceof Uint8Array) {
    for (let i = 0; i < data.length; i++) keys.lo[offset + i] = values[i]!;
    return true;
  }
  return false;
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** IEEE-754 bits made unsigned-comparable: flip the sign bit of positives, every bit of negatives. */
function floatKey(value: number, row: number, keys: SortKeys & { hi: Uint32Array }): void {
  // One NaN, and -0 equal to 0 (as DuckDB compares them), so ties keep their row order.
  scratch[0] = Number.isNaN(value) ? NaN : value === 0 ? 0 : value;
  const high = scratchWords[HIGH]!;
  const low = scratchWords[LOW]!;
  if (high & SIGN) {
    keys.hi[row] = ~high >>> 0;
    keys.lo[row] = ~low >>> 0;
  } else {
    keys.hi[row] = (high | SIGN) >>> 0;
    keys.lo[row] = low;
  }
}

function floatKeys(values: Float64Array | Float32Array, data: Data, offset: number, keys: SortKeys): void {
  const withHi = keys as SortKeys & { hi: Uint32Array };
  withHi.hi ??= new Uint32Array(keys.lo.length);
  for (let i = 0; i < data.length; i++) floatKey(values[i]!, offset + i, withHi);
}

/** Converts the remaining chunks and ranks their values (numbers as floats, the rest as text). */
function fromValues(chunks: { data: Data; offset: number }[], keys: SortKeys): void {
  const texts: (string | undefined)[] = new Array<string | undefined>(keys.lo.length);
  const withHi = keys as SortKeys & { hi: Uint32Array };
  let ranked = false;
  for (const { data, offset } of chunks) {
    const ascii = asciiTexts(data);
    if (ascii) {
      for (let i = 0; i < ascii.length; i++) {
        const text = ascii[i];
        if (text !== undefined) texts[offset + i] = text;
      }
      ranked = true;
      continue;
    }
    const values: JsValue[] = vectorToValues(makeVector(data));
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? null;
      if (value === null) continue;
      if (typeof value === 'number') {
        withHi.hi ??= new Uint32Array(keys.lo.length);
        floatKey(value, offset + i, withHi);
      } else {
        texts[offset + i] = typeof value === 'string' ? value : cellText(value);
        ranked = true;
      }
    }
  }
  if (!ranked) return;
  const distinct = [...new Set(texts.filter((t): t is string => t !== undefined))];
  // The default sort compares UTF-16 code units natively, much faster than a comparator callback.
  distinct.sort();
  const rank = new Map(distinct.map((text, i) => [text, i]));
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (text !== undefined) keys.lo[i] = rank.get(text)!;
  }
}

const decoder = new TextDecoder();

/**
 * A text chunk's values, decoded with one call when its bytes are all ASCII (then byte offsets
 * are character offsets): decoding value by value is most of the cost of sorting text.
 */
function asciiTexts(data: Data): (string | undefined)[] | undefined {
  if (!DataType.isUtf8(data.type)) return undefined;
  const offsets: unknown = data.valueOffsets;
  const bytes: unknown = data.values;
  if (!(offsets instanceof Int32Array) || !(bytes instanceof Uint8Array)) return undefined;
  const start = offsets[0]!;
  const end = offsets[data.length]!;
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return undefined;
  const all = decoder.decode(bytes.subarray(start, end));
  const out = new Array<string | undefined>(data.length);
  for (let i = 0; i < data.length; i++) {
    out[i] = isValid(data, i) ? all.slice(offsets[i]! - start, offsets[i + 1]! - start) : undefined;
  }
  return out;
}
