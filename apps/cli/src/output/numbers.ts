/** Short, readable numbers for summaries: 1461, 12.3457, 1.23457e-7. */
export function formatStat(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e15 || magnitude < 1e-4) return String(Number(value.toPrecision(6)));
  // Up to 4 decimals, without trailing zeros.
  return String(Number(value.toFixed(4)));
}
