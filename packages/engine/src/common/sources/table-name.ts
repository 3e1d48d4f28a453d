/**
 * The table name Facet gives a file: its base name without extension, lower-cased, with every run
 * of characters other than ASCII letters and digits turned into `_`.
 * `seattle-weather.csv` → `seattle_weather`, `flights-3m.parquet` → `flights_3m`.
 */
export function tableNameForFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return sanitizeIdentifier(stem);
}

/** Lower-cases and turns each run of non-alphanumerics into `_`; never returns an empty name. */
export function sanitizeIdentifier(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  if (name === '' || name === '_') return 'table';
  // A leading digit is legal when quoted, but unquoted names are friendlier in SQL.
  return /^[0-9]/.test(name) ? `t_${name}` : name;
}
