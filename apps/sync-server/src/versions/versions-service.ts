import { EventEmitter } from 'node:events';
import type { DocsService } from '../docs-api/docs-service.ts';
import type { LiveDocs } from '../docs/live-docs.ts';
import type { Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { branchRoutes } from './branch-routes.ts';
import { versionRoutes } from './version-routes.ts';
import { VersionStore, type VersionKind, type VersionMeta } from './version-store.ts';

export type { VersionKind, VersionMeta } from './version-store.ts';

/**
 * What happened to a document's versions and branches, for modules that tell people about it
 * (notifications subscribe with `versions.events.on('version-created', …)`). Listeners run after the
 * change is stored; a listener that throws is logged, never turned into a failed request.
 */
export interface VersionEvents {
  /** A version was saved: by a person ('manual'), by the app ('auto'), or before a restore ('restore-point'). */
  'version-created': [VersionMeta];
  /** The document was restored to `versionId`; `restorePointId` holds the state just before. */
  'version-restored': [{ docId: string; versionId: string; restorePointId: string; actorId: string }];
  /** A branch was created from `parentId` (from a version when `fromVersion` is set). */
  'branch-created': [{ parentId: string; branchId: string; fromVersion: string | null; actorId: string }];
  /** A branch was merged into its parent; `conflicts` blocks were changed on both sides. */
  'branch-merged': [{ parentId: string; branchId: string; actorId: string; conflicts: number }];
}

/** Shared versions and branches of documents on the relay. */
export interface VersionsService {
  routes: Route[];
  events: EventEmitter<VersionEvents>;
  /**
   * Saves the document's current live state as a version (the app's periodic 'auto' versions and the
   * REST route both come here) and emits 'version-created'.
   */
  saveVersion(
    docId: string,
    v: { name: string; kind: VersionKind; createdBy: string | null },
  ): Promise<VersionMeta>;
}

export interface VersionsDeps {
  docs: Pick<DocsService, 'roleFor' | 'recordActivity'>;
  liveDocs: LiveDocs;
}

/** What the route modules share. */
export interface VersionsCore extends VersionsDeps {
  ctx: RelayContext;
  store: VersionStore;
  saveVersion: VersionsService['saveVersion'];
  /** Emits an event; a throwing listener is logged (the change it reports is already stored). */
  emit<K extends keyof VersionEvents>(name: K, ...args: VersionEvents[K]): void;
}

/**
 * Builds the versions and branches API. Versions and branch records of a deleted document are
 * dropped when 'doc-deleted' fires (on whichever relay sees it first; the clean-up is idempotent).
 */
export function createVersionsApi(ctx: RelayContext, deps: VersionsDeps): VersionsService {
  const store = new VersionStore(ctx.db);
  const events = new EventEmitter<VersionEvents>();

  const emit: VersionsCore['emit'] = (name, ...args) => {
    try {
      // Typed at the call sites through VersionsCore['emit']; TS cannot relate a generic key to its tuple.
      (events as EventEmitter).emit(name, ...args);
    } catch (error) {
      ctx.log.error({ err: error, event: name }, 'a versions event listener failed');
    }
  };

  async function saveVersion(
    docId: string,
    v: { name: string; kind: VersionKind; createdBy: string | null },
  ): Promise<VersionMeta> {
    const state = await deps.liveDocs.read(docId);
    const id = await store.insert(ctx.db, { docId, ...v, state, at: ctx.now() });
    const meta = await store.meta(docId, id);
    if (!meta) throw new Error(`version ${id} vanished right after it was saved`);
    emit('version-created', meta);
    return meta;
  }

  ctx.events.on('doc-deleted', ({ docId }) => {
    Promise.all([
      store.deleteDoc(docId),
      ctx.db.run('DELETE FROM doc_branches WHERE doc_id = ?', [docId]),
    ]).catch((error: unknown) =>
      ctx.log.error({ err: error, docId }, 'dropping the versions of a deleted document failed'),
    );
  });

  const core: VersionsCore = { ctx, ...deps, store, saveVersion, emit };
  return { routes: [...versionRoutes(core), ...branchRoutes(core)], events, saveVersion };
}
