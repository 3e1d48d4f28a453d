/**
 * Helpers for editing a spec in the settings panel: patches that drop empty settings (the document
 * stores JSON; an `undefined` or empty value must not reach it) and column choices grouped by kind.
 */
import { type AxisOptions, categoryOf, type ChartColumn, type ChartSpec } from '@facet/engine/common';

/** A spec edit: `undefined`, '' or an empty list removes a setting. */
export type SpecPatch = { [K in keyof ChartSpec]?: ChartSpec[K] | undefined | null };

export function patchSpec(spec: ChartSpec, patch: SpecPatch): ChartSpec {
  const next: Record<string, unknown> = { ...spec, ...patch };
  for (const [key, value] of Object.entries(next)) {
    if (key === 'x' || key === 'y' || key === 'type') continue;
    const empty =
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    if (empty) delete next[key];
  }
  return next as unknown as ChartSpec;
}

/** An axis edit: the same rule, one level down. */
export function patchAxis(
  axis: AxisOptions | undefined,
  patch: Partial<Record<keyof AxisOptions, unknown>>,
): AxisOptions | undefined {
  const next: Record<string, unknown> = { ...axis, ...patch };
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === null || value === '' || value === false) delete next[key];
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

export interface ColumnGroup {
  group: string;
  items: { value: string; label: string }[];
}

const GROUPS = [
  ['number', 'Numbers'],
  ['temporal', 'Dates and times'],
  ['text', 'Text'],
  ['boolean', 'Yes/no'],
  ['other', 'Other'],
] as const;

/** Columns for a select, grouped by kind (numbers first when `numbersFirst`). */
export function columnGroups(columns: readonly ChartColumn[], only?: 'number'): ColumnGroup[] {
  return GROUPS.filter(([kind]) => !only || kind === only)
    .map(([kind, group]) => ({
      group,
      items: columns
        .filter((c) => categoryOf(c.type) === kind)
        .map((c) => ({ value: c.name, label: c.name })),
    }))
    .filter((g) => g.items.length > 0);
}

/** A number from a NumberInput (which gives '' when cleared). */
export function inputNumber(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
}
