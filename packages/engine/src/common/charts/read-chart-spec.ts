/**
 * Reads a chart spec from the canvas document, which may hold anything (an older version of Facet,
 * a peer with a bug, a hostile collaborator). The type and x/y encodings must be usable or the spec
 * is rejected; every optional field that is malformed is dropped, so one bad setting never loses the
 * chart. Specs written before encodings existed (`stacked: true`) read as their new equivalent.
 */
import {
  AGGREGATIONS,
  type AxisOptions,
  CHART_TYPES,
  type ChartSpec,
  NUMBER_STYLES,
  type NumberFormat,
  PALETTES,
  type PaletteName,
  SORT_ORDERS,
  STACKINGS,
} from './chart-types.ts';

/** Longest column name, title or axis title kept (longer ones are hostile, not data). */
const MAX_TEXT = 500;
const MAX_COLUMNS = 32;
const MAX_COLORS = 32;

/** Checks a spec from the document; returns undefined when it cannot be drawn. Never throws. */
export function readChartSpec(value: unknown): ChartSpec | undefined {
  try {
    return read(value);
  } catch {
    // Getters that throw, revoked proxies and the like: not a spec.
    return undefined;
  }
}

function read(value: unknown): ChartSpec | undefined {
  if (!isRecord(value)) return undefined;
  const type = oneOf(value.type, CHART_TYPES);
  const x = value.x;
  if (!type || typeof x !== 'string' || x.length > MAX_TEXT) return undefined;
  const y = columns(value.y);
  if (!y) return undefined;
  const spec: ChartSpec = { type, x, y };
  const y2 = columns(value.y2);
  if (y2 && y2.length > 0) spec.y2 = y2;
  for (const key of ['color', 'size', 'facet', 'title'] as const) {
    const text = value[key];
    if (typeof text === 'string' && text.length > 0 && text.length <= MAX_TEXT) spec[key] = text;
  }
  const aggregate = oneOf(value.aggregate, AGGREGATIONS);
  if (aggregate) spec.aggregate = aggregate;
  const sort = oneOf(value.sort, SORT_ORDERS);
  if (sort) spec.sort = sort;
  const stacking = oneOf(value.stacking, STACKINGS) ?? (value.stacked === true ? 'stacked' : undefined);
  if (stacking) spec.stacking = stacking;
  if (value.horizontal === true) spec.horizontal = true;
  if (typeof value.labels === 'boolean') spec.labels = value.labels;
  const limit = integer(value.limit, 1, 10_000);
  if (limit !== undefined) spec.limit = limit;
  const bins = integer(value.bins, 1, 200);
  if (bins !== undefined) spec.bins = bins;
  for (const key of ['xAxis', 'yAxis', 'y2Axis'] as const) {
    const axis = axisOptions(value[key]);
    if (axis) spec[key] = axis;
  }
  const format = numberFormat(value.format);
  if (format) spec.format = format;
  const palette = paletteOf(value.palette);
  if (palette) spec.palette = palette;
  return spec;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** A list of column names, or undefined when it is not one (a non-name inside rejects it all). */
function columns(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_COLUMNS) return undefined;
  const out: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'string' || item.length > MAX_TEXT) return undefined;
    out.push(item);
  }
  return out;
}

function integer(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function axisOptions(value: unknown): AxisOptions | undefined {
  if (!isRecord(value)) return undefined;
  const axis: AxisOptions = {};
  if (typeof value.title === 'string' && value.title.length <= MAX_TEXT && value.title)
    axis.title = value.title;
  if (value.log === true) axis.log = true;
  const min = finite(value.min);
  const max = finite(value.max);
  // A range that is upside down is a mistake; keep neither end rather than guess which is wrong.
  if (min !== undefined && max !== undefined && min >= max) return nonEmpty(axis);
  if (min !== undefined) axis.min = min;
  if (max !== undefined) axis.max = max;
  return nonEmpty(axis);
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

function numberFormat(value: unknown): NumberFormat | undefined {
  if (!isRecord(value)) return undefined;
  const style = oneOf(value.style, NUMBER_STYLES);
  if (!style) return undefined;
  const format: NumberFormat = { style };
  const decimals = integer(value.decimals, 0, 10);
  if (decimals !== undefined) format.decimals = decimals;
  if (typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency))
    format.currency = value.currency;
  return format;
}

function paletteOf(value: unknown): PaletteName | string[] | undefined {
  if (typeof value === 'string') return Object.hasOwn(PALETTES, value) ? (value as PaletteName) : undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_COLORS) return undefined;
  const colors = (value as unknown[]).filter(
    (c): c is string => typeof c === 'string' && /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(c),
  );
  return colors.length === value.length ? colors : undefined;
}
