/**
 * Chart query results for option-builder tests: an Arrow table with the columns chartQuery returns
 * (x, color, facet, y0, …), typed the way DuckDB hands them over.
 */
import {
  DateDay,
  Field,
  Float64,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';

type Column = readonly (string | number | Date | null | readonly number[])[];

/**
 * A table from columns: text → VARCHAR, numbers → DOUBLE, Dates → DATE (TIMESTAMP when some are not
 * at midnight), number lists → DOUBLE[].
 */
export function chartTable(columns: Record<string, Column>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(columns)) {
    const sample = values.find((v) => v !== null);
    if (typeof sample === 'string') vectors[name] = vectorFromArray(values, new Utf8());
    else if (sample instanceof Date) {
      const midnight = values.every((v) => !(v instanceof Date) || v.getTime() % 86_400_000 === 0);
      vectors[name] = vectorFromArray(values, midnight ? new DateDay() : new TimestampMillisecond());
    } else if (Array.isArray(sample)) {
      vectors[name] = vectorFromArray(values, new List(new Field('item', new Float64(), true)));
    } else vectors[name] = vectorFromArray(values, new Float64());
  }
  return new Table(vectors);
}

/** `n` days from 2024-01-01. */
export function days(n: number): Date[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));
}
