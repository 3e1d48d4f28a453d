/** @facet/engine/common: the isomorphic core (no DOM, no Node). */
export { tableToRows, vectorToValues, decimalToNumber, type JsValue } from './arrow/to-js.ts';
export { type CellChange, compareRows, type ResultChanges } from './arrow/compare-rows.ts';
export { columnsToTable, inferHint, type ColumnHint, type JsColumn } from './arrow/from-columns.ts';
export { capResultSnapshot, type ResultSnapshot } from './arrow/result-snapshot.ts';
export {
  type Block,
  type BlockFields,
  type BlockFrame,
  type BlockType,
  BLOCK_TYPES,
  blockText,
} from './doc/blocks.ts';
export {
  type CanvasComment,
  CanvasDoc,
  type DocProblem,
  type GlossaryTerm,
  type MetricDefinition,
  SCHEMA_VERSION,
} from './doc/canvas-doc.ts';
export {
  type CommentAnchor,
  type CommentEntry,
  COMMENT_LIMITS,
  type CommentProblem,
  CommentStore,
  type CommentThread,
  type DataPoint,
  mentionToken,
  parseMentions,
  reactionKey,
  readCommentEntry,
  threadKey,
} from './doc/comments.ts';
export {
  type BlockChange,
  blockLabel,
  changedBlockIds,
  type DocDiff,
  diffDocs,
  type FieldChange,
  isEmptyDiff,
  type NamedChanges,
} from './doc/diff.ts';
export { forkDoc, type MergeConflict, mergeBranch, type MergeReport, restoreDoc } from './doc/restore.ts';
export {
  type BlockLineage,
  blockLineage,
  type BlockView,
  canvasControls,
  canvasGraph,
  type SourceLineage,
  sourceLineage,
} from './dag/canvas-lineage.ts';
export { type BlockRun, BlockRunner, type BlockRunStatus } from './dag/block-runner.ts';
export { type BlockSql, CycleError, DependencyGraph } from './dag/graph.ts';
export { bindControls, blockReferences, renameReferences } from './dag/references.ts';
export { duckdbTypeForArrow } from './engine/arrow-types.ts';
export type { BackendResult, NativeFileSource, SqlBackend } from './engine/backend.ts';
export { DuckDbEngine, type DuckDbEngineOptions } from './engine/duckdb-engine.ts';
export type { EngineEnvironment } from './engine/source-loader.ts';
export { fileReaderSql } from './engine/file-reader-sql.ts';
export { fingerprintBytes } from './engine/fingerprint.ts';
export { categoryOf } from './engine/profile.ts';
export { ResultCache } from './engine/result-cache.ts';
export type {
  ColumnCategory,
  ColumnInfo,
  ColumnProfile,
  CsvOptions,
  Engine,
  EngineKind,
  PageOptions,
  ProfileOptions,
  QueryOptions,
  QueryPage,
  QueryResult,
  SourceInput,
  TableInfo,
  TableProfile,
  ValidationResult,
} from './engine/types.ts';
export { WasmBackend, type WasmDatabase } from './engine/wasm-backend.ts';
export {
  CancelledError,
  EngineClosedError,
  FacetError,
  type FacetErrorCode,
  InvalidArgumentError,
  SourceFormatError,
  SourceNotFoundError,
  SqlError,
  TimeoutError,
  UnsupportedFormatError,
  toFacetError,
} from './errors.ts';
export {
  CHART_TYPES,
  type ChartColumn,
  type ChartSpec,
  type ChartType,
  describeChart,
  readChartSpec,
  recommendChart,
} from './charts/chart-spec.ts';
export {
  AGGREGATIONS,
  type Aggregation,
  type AxisOptions,
  CHART_TYPE_LABELS,
  NUMBER_STYLES,
  type NumberFormat,
  type NumberStyle,
  PALETTES,
  type PaletteName,
  SORT_ORDERS,
  type SortOrder,
  STACKINGS,
  type Stacking,
} from './charts/chart-types.ts';
export { chartRoles, type ChartRoles } from './charts/chart-roles.ts';
export { recommendCharts, type RecommendColumn } from './charts/recommend-charts.ts';
export {
  aggregateSql,
  CHART_FIELDS,
  chartAggregate,
  chartQuery,
  type ChartQuery,
  type ChartQueryOptions,
  valueField,
  y2Field,
} from './charts/chart-query.ts';
export { lttbIndices, lttbRows } from './charts/lttb.ts';
export { switchChartType } from './charts/switch-chart-type.ts';
export { formatNumber } from './charts/number-format.ts';
export { decodeMessage, encodeMessage } from './rpc/codec.ts';
export { readParquet } from './readers/parquet.ts';
export { readXlsx, type Sheet } from './readers/xlsx.ts';
export { detectFormat, formatFromFileName, SOURCE_FORMATS, type SourceFormat } from './sources/formats.ts';
export { sanitizeIdentifier, tableNameForFile } from './sources/table-name.ts';
export { quoteIdent, quoteString } from './sql/identifiers.ts';
export { isBlankSql, referencedNames, splitStatements, tokenize, type Token } from './sql/lexer.ts';
export { bindNamedParams, type ParamValue } from './sql/params.ts';
export { type DiffLine, diffLines, formatDiff, hasChanges } from './text/line-diff.ts';
export {
  type BlockClipboard,
  clipboardText,
  duplicateBlocks,
  pasteBlocks,
  readClipboard,
} from './doc/paste.ts';
export {
  fillSampleCanvas,
  SAMPLE_CANVAS_NAME,
  SAMPLE_FILE_NAME,
  SAMPLE_PROJECT_NAME,
  SAMPLE_TABLE,
} from './doc/sample-canvas.ts';
export {
  type EngineRequest,
  engineQueries,
  requireRequest,
  requireString,
  resultReply,
  RunningRequests,
} from './rpc/replies.ts';
export {
  checkChunk,
  checkComplete,
  checkUploadSize,
  MAX_UPLOAD_CHUNK,
  noSuchUpload,
  type UploadCount,
  uploadFileName,
} from './rpc/upload-rules.ts';
export { inviteToken } from './relay/invite-token.ts';
export {
  type FetchLike,
  normalizeRelayUrl,
  RelayClient,
  type RelayClientOptions,
} from './relay/relay-client.ts';
export { RelayError, relayErrorFrom } from './relay/relay-error.ts';
export {
  canEdit,
  RELAY_ROLES,
  type RelayDoc,
  type RelayInvite,
  type RelayMember,
  type RelayRole,
  type RelaySession,
  type RelayTokenPair,
  type RelayUser,
} from './relay/relay-types.ts';
