/** @facet/desktop/host: the Node services behind HostApi (project store, engine, files). */
export { type CanvasInfo, Canvases } from './project/canvases.ts';
export { type BlockResult, BlockRuns } from './project/block-runs.ts';
export { History, type NewVersion, type VersionRef } from './project/history.ts';
export {
  DATABASE_FILE,
  Project,
  type ProjectOptions,
  projectNameOf,
  type VersionDiff,
} from './project/project.ts';
export { openDatabase, migrate, type Db, type Durability } from './store/database.ts';
export { checkUpdate, type CompactionPolicy, DEFAULT_COMPACTION, DocLog } from './store/doc-log.ts';
export { type Favorite, type Notification, type QueryRecord, Records } from './store/records.ts';
export { ResultStore } from './store/result-store.ts';
export { type SearchHit, SearchIndex, toFtsQuery } from './store/search-index.ts';
export { hashFile, type SourceInfo, type SourceStatus, SourceStore } from './store/sources.ts';
export { type VersionInfo, type VersionKind, VersionStore } from './store/versions.ts';
