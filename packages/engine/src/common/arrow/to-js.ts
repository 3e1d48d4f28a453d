/**
 * Arrow → plain JavaScript values, the way users expect to see them: 64-bit integers and decimals
 * as numbers, dates as `YYYY-MM-DD`, timestamps as ISO-8601, NULL as null. Used for JSON output,
 * profiles and tests. Reads the raw buffers so no precision is lost on the way (e.g. microseconds).
 */
import { type Data, DataType, makeVector, type Table, TimeUnit, type Vector } from 'apache-arrow';

export type JsValue = string | number | boolean | null | JsValue[] | { [key: string]: JsValue };

/** Every row of a table as an object keyed by column name. */
export function tableToRows(table: Table): Record<string, JsValue>[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => vectorToValues(table.getChildAt(i) as Vector));
  const rows: Record<string, JsValue>[] = new Array<Record<string, JsValue>>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, JsValue> = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = (columns[c] as JsValue[])[r] as JsValue;
    rows[r] = row;
  }
  return rows;
}

/** Every value of a column, converted as described above. */
export function vectorToValues(vector: Vector): JsValue[] {
  const out: JsValue[] = [];
  for (const data of vector.data) appendData(data as Data, out);
  return out;
}

function appendData(data: Data, out: JsValue[]): void {
  const type = data.type;
  const n = data.length;
  const valid = (i: number): boolean => data.nullCount === 0 || data.getValid(i);
  if (DataType.isInt(type) && type.bitWidth === 64) {
    const values = data.values as BigInt64Array | BigUint64Array;
    for (let i = 0; i < n; i++) out.push(valid(i) ? Number(values[i]) : null);
    return;
  }
  if (DataType.isDecimal(type)) {
    const words = data.values as Uint32Array;
    const stride = type.bitWidth / 32;
    for (let i = 0; i < n; i++) {
      out.push(valid(i) ? decimalToNumber(words, i * stride, stride, type.scale) : null);
    }
    return;
  }
  if (DataType.isDate(type)) {
    const values = data.values as Int32Array | BigInt64Array;
    const perDay = type.unit === 0; // DateUnit.DAY
    for (let i = 0; i < n; i++) {
      if (!valid(i)) {
        out.push(null);
        continue;
      }
      const ms = perDay ? Number(values[i]) * 86_400_000 : Number(values[i]);
      out.push(formatDate(ms));
    }
    return;
  }
  if (DataType.isTimestamp(type)) {
    const values = data.values as BigInt64Array;
    for (let i = 0; i < n; i++) {
      out.push(
        valid(i) ? formatTimestamp(BigInt(values[i] as bigint), type.unit, Boolean(type.timezone)) : null,
      );
    }
    return;
  }
  if (DataType.isTime(type)) {
    const values = data.values as Int32Array | BigInt64Array;
    for (let i = 0; i < n; i++) {
      out.push(valid(i) ? formatTime(BigInt(values[i] as number | bigint), type.unit) : null);
    }
    return;
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = data.children[0] as Data;
    const items: JsValue[] = [];
    appendData(child, items);
    const offsets = DataType.isList(type) ? (data.valueOffsets as Int32Array) : undefined;
    const size = DataType.isFixedSizeList(type) ? type.listSize : 0;
    for (let i = 0; i < n; i++) {
      if (!valid(i)) {
        out.push(null);
        continue;
      }
      const start = offsets ? (offsets[i] as number) - (offsets[0] as number) : i * size;
      const end = offsets ? (offsets[i + 1] as number) - (offsets[0] as number) : (i + 1) * size;
      out.push(items.slice(start, end));
    }
    return;
  }
  if (DataType.isMap(type)) {
    const entries = data.children[0] as Data;
    const keys: JsValue[] = [];
    const values: JsValue[] = [];
    appendData(entries.children[0] as Data, keys);
    appendData(entries.children[1] as Data, values);
    const offsets = data.valueOffsets as Int32Array;
    for (let i = 0; i < n; i++) {
      if (!valid(i)) {
        out.push(null);
        continue;
      }
      const map: Record<string, JsValue> = {};
      const base = offsets[0] as number;
      for (let k = (offsets[i] as number) - base; k < (offsets[i + 1] as number) - base; k++) {
        map[String(keys[k])] = values[k] as JsValue;
      }
      out.push(map);
    }
    return;
  }
  if (DataType.isInterval(type)) {
    const words = data.values as Int32Array;
    const stride = words.length / Math.max(n, 1);
    for (let i = 0; i < n; i++) {
      if (!valid(i)) {
        out.push(null);
        continue;
      }
      const o = i * stride;
      if (stride === 4) {
        const nanos = (BigInt(words[o + 3] as number) << 32n) | BigInt((words[o + 2] as number) >>> 0);
        out.push(formatInterval(words[o] as number, words[o + 1] as number, nanos / 1000n));
      } else if (stride === 2) {
        out.push(formatInterval(0, words[o] as number, BigInt(words[o + 1] as number) * 1000n));
      } else {
        out.push(formatInterval(words[o] as number, 0, 0n));
      }
    }
    return;
  }
  if (DataType.isStruct(type)) {
    const names = type.children.map((f) => f.name);
    const children = data.children.map((child) => {
      const values: JsValue[] = [];
      appendData(child, values);
      return values;
    });
    for (let i = 0; i < n; i++) {
      if (!valid(i)) {
        out.push(null);
        continue;
      }
      const row: Record<string, JsValue> = {};
      names.forEach((name, c) => (row[name] = (children[c] as JsValue[])[i] as JsValue));
      out.push(row);
    }
    return;
  }
  // Everything else: Arrow's own accessor, then nested values normalised.
  const vector = makeVector(data);
  for (let i = 0; i < n; i++) out.push(valid(i) ? normalize(vector.get(i)) : null);
}

function normalize(value: unknown): JsValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
  const object = value as { toArray?: () => ArrayLike<unknown>; toJSON?: () => Record<string, unknown> };
  if (typeof object.toArray === 'function') return Array.from(object.toArray(), normalize);
  if (typeof object.toJSON === 'function') {
    const json = object.toJSON();
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, normalize(v)]));
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return String(value);
}

/** A little-endian two's-complement integer of `stride` 32-bit words, scaled down by 10^scale. */
export function decimalToNumber(words: Uint32Array, offset: number, stride: number, scale: number): number {
  let value = 0n;
  for (let w = stride - 1; w >= 0; w--) value = (value << 32n) | BigInt(words[offset + w] as number);
  const bits = BigInt(stride * 32);
  if (value >> (bits - 1n) === 1n) value -= 1n << bits;
  if (scale === 0) return Number(value);
  const divisor = 10n ** BigInt(scale);
  const whole = value / divisor;
  const fraction = value % divisor;
  return Number(whole) + Number(fraction) / Number(divisor);
}

const pad = (n: number | bigint, width = 2): string => String(n).padStart(width, '0');

function formatDate(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const PER_SECOND: Record<number, bigint> = {
  [TimeUnit.SECOND]: 1n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1_000_000n,
  [TimeUnit.NANOSECOND]: 1_000_000_000n,
};

function splitSeconds(value: bigint, unit: TimeUnit): { seconds: bigint; fraction: string } {
  const per = PER_SECOND[unit] ?? 1n;
  let seconds = value / per;
  let rest = value % per;
  if (rest < 0n) {
    rest += per;
    seconds -= 1n;
  }
  const digits = per.toString().length - 1;
  const fraction =
    digits === 0 || rest === 0n ? '' : `.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
  return { seconds, fraction };
}

function formatTimestamp(value: bigint, unit: TimeUnit, utc: boolean): string {
  const { seconds, fraction } = splitSeconds(value, unit);
  const d = new Date(Number(seconds) * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${formatDate(d.getTime())}T${time}${fraction}${utc ? 'Z' : ''}`;
}

function formatTime(value: bigint, unit: TimeUnit): string {
  const { seconds, fraction } = splitSeconds(value, unit);
  const s = Number(seconds);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${fraction}`;
}

/** An interval in DuckDB's own text form, e.g. `1 year 2 months 3 days 04:05:06.5`. */
export function formatInterval(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  const restMonths = months % 12;
  const unit = (n: number, word: string): string => `${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`;
  if (years !== 0) parts.push(unit(years, 'year'));
  if (restMonths !== 0) parts.push(unit(restMonths, 'month'));
  if (days !== 0) parts.push(unit(days, 'day'));
  if (micros !== 0n || parts.length === 0) {
    const negative = micros < 0n;
    const abs = negative ? -micros : micros;
    const seconds = abs / 1_000_000n;
    const fraction = abs % 1_000_000n;
    const hms = `${pad(seconds / 3600n)}:${pad((seconds / 60n) % 60n)}:${pad(seconds % 60n)}`;
    const frac = fraction === 0n ? '' : `.${fraction.toString().padStart(6, '0').replace(/0+$/, '')}`;
    parts.push(`${negative ? '-' : ''}${hms}${frac}`);
  }
  return parts.join(' ');
}
