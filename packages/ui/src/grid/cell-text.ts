/** How one value (as `vectorToValues` gives it) reads in a grid cell. */
import type { JsValue } from '@facet/engine/common';

export function cellText(value: JsValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
