/**
 * The engine's modules, imported on first use. Loading them takes about half a second (Arrow,
 * DuckDB, the file readers), which `--help` and usage errors should not pay.
 */
export const loadEngineCommon = () => import('@facet/engine/common');
export const loadEngineNode = () => import('@facet/engine/node');
