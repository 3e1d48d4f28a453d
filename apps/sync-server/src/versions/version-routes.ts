import { CanvasDoc, diffDocs, restoreDoc } from '@facet/engine/common';
import * as Y from 'yjs';
import { z } from 'zod';
import { pathId } from '../docs-api/ids.ts';
import { nameSchema, NAME_MAX } from '../docs-api/schemas.ts';
import { notFound } from '../http/http-error.ts';
import { HANDLED, route, type Route } from '../http/router.ts';
import { authorizeDoc } from './doc-access.ts';
import { diffSummary, summariseDiff } from './diff-summary.ts';
import type { VersionsCore } from './versions-service.ts';
import { VERSION_KINDS } from './version-store.ts';

export const versionView = z.object({
  id: z.string(),
  docId: z.string(),
  name: z.string(),
  kind: z.enum(VERSION_KINDS),
  size: z.number(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.number(),
});

const NO_VERSION = 'No such version of this document.';

/** Save, list, inspect, fetch, restore and delete versions of a shared document. */
export function versionRoutes(core: VersionsCore): Route[] {
  const { ctx, store, liveDocs, docs } = core;
  const access = { db: ctx.db, docs };

  async function version(docId: string, rawId: string | undefined) {
    const meta = await store.meta(docId, pathId(rawId, NO_VERSION));
    if (!meta) throw notFound(NO_VERSION);
    return meta;
  }

  async function stateOf(docId: string, versionId: string): Promise<Uint8Array> {
    const state = await store.state(docId, versionId);
    // Deleted between reading its metadata and its state.
    if (!state) throw notFound(NO_VERSION);
    return state;
  }

  return [
    route({
      method: 'POST',
      path: '/api/docs/:id/versions',
      summary: 'Save the document’s current state as a named version (owners and editors)',
      tag: 'versions',
      auth: 'user',
      body: z.object({ name: nameSchema }),
      response: versionView,
      status: 201,
      handler: async ({ params, body, principal }) => {
        const { doc, userId } = await authorizeDoc(access, principal, params.id, 'edit');
        const meta = await core.saveVersion(doc.id, { name: body.name, kind: 'manual', createdBy: userId });
        await docs.recordActivity(doc.id, userId, 'version-created', { versionId: meta.id, name: meta.name });
        return meta;
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/versions',
      summary: 'Versions of the document, newest first (page with ?before=<version id>)',
      tag: 'versions',
      auth: 'user',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z
          .string()
          .regex(/^[\x21-\x7e]{1,128}$/, 'Not a version id.')
          .optional(),
      }),
      response: z.array(versionView),
      handler: async ({ params, query, principal }) => {
        const { doc } = await authorizeDoc(access, principal, params.id, 'read');
        return store.list(doc.id, query.limit, query.before);
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/versions/:vid',
      summary: 'One version, with a summary of what changed in the document since it',
      tag: 'versions',
      auth: 'user',
      response: versionView.extend({ diff: diffSummary }),
      handler: async ({ params, principal }) => {
        const { doc } = await authorizeDoc(access, principal, params.id, 'read');
        const meta = await version(doc.id, params.vid);
        const [state, current] = await Promise.all([stateOf(doc.id, meta.id), liveDocs.read(doc.id)]);
        const before = CanvasDoc.fromUpdate(state);
        const after = CanvasDoc.fromUpdate(current);
        try {
          return { ...meta, diff: summariseDiff(diffDocs(before, after)) };
        } finally {
          before.destroy();
          after.destroy();
        }
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/versions/:vid/state',
      summary: 'The version’s state as one Yjs update (application/octet-stream)',
      tag: 'versions',
      auth: 'user',
      handler: async ({ params, principal, res }) => {
        const { doc } = await authorizeDoc(access, principal, params.id, 'read');
        const meta = await version(doc.id, params.vid);
        const state = await stateOf(doc.id, meta.id);
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(state.byteLength),
          'cache-control': 'no-store',
        });
        res.end(state);
        return HANDLED;
      },
    }),

    route({
      method: 'POST',
      path: '/api/docs/:id/versions/:vid/restore',
      summary:
        'Restore the document to a version, as a forward change every connected client sees at once; the state before is kept as a restore point',
      tag: 'versions',
      auth: 'user',
      response: z.object({ restored: versionView, restorePoint: versionView }),
      handler: async ({ params, principal }) => {
        const { doc, userId } = await authorizeDoc(access, principal, params.id, 'restore-version');
        const meta = await version(doc.id, params.vid);
        const target = CanvasDoc.fromUpdate(await stateOf(doc.id, meta.id));
        // The restore point is stored before the document changes, so a failure after it loses nothing.
        const point = await core.saveVersion(doc.id, {
          name: `Before restoring “${meta.name}”`.slice(0, NAME_MAX),
          kind: 'restore-point',
          createdBy: userId,
        });
        const saved = await store.state(doc.id, point.id);
        let exact: Uint8Array | undefined;
        try {
          await liveDocs.edit(doc.id, (live) => {
            // An edit that arrived between saving the restore point and now belongs in it.
            if (saved && !sameBytes(Y.encodeStateVector(live), Y.encodeStateVectorFromUpdate(saved)))
              exact = Y.encodeStateAsUpdate(live);
            const current = new CanvasDoc(live);
            try {
              restoreDoc(current, target);
            } finally {
              current.destroy();
            }
          });
        } finally {
          target.destroy();
        }
        if (exact) await store.setState(point.id, exact);
        await docs.recordActivity(doc.id, userId, 'version-restored', {
          versionId: meta.id,
          name: meta.name,
          restorePointId: point.id,
        });
        core.emit('version-restored', {
          docId: doc.id,
          versionId: meta.id,
          restorePointId: point.id,
          actorId: userId,
        });
        return { restored: meta, restorePoint: (await store.meta(doc.id, point.id)) ?? point };
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/docs/:id/versions/:vid',
      summary: 'Delete a version (owners)',
      tag: 'versions',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal }) => {
        // Deleting history is as final as deleting the document, so it takes the same right.
        const { doc, userId } = await authorizeDoc(access, principal, params.id, 'delete');
        const meta = await version(doc.id, params.vid);
        if (await store.delete(doc.id, meta.id))
          await docs.recordActivity(doc.id, userId, 'version-deleted', {
            versionId: meta.id,
            name: meta.name,
          });
        return undefined;
      },
    }),
  ];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}
