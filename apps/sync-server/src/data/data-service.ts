import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { DocsService } from '../docs-api/docs-service.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import { HANDLED, route, type Route } from '../http/router.ts';
import type { RelayContext } from '../relay-context.ts';
import { authorizeDoc } from '../versions/doc-access.ts';
import { BlobStore, quotaExceeded, type StagedBlob } from './blob-store.ts';
import { parseRange } from './range.ts';
import { declaredLength, parseSha256, uploadMetadata } from './upload-headers.ts';

export const dataEntryView = z.object({
  sha256: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  publishedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  publishedAt: z.number(),
});

/** Published data sets of shared documents. */
export interface DataService {
  routes: Route[];
  store: BlobStore;
}

function tooLarge(max: number): HttpError {
  return new HttpError(413, 'too_large', `A data set may be at most ${max} bytes.`);
}

/** A Content-Disposition that names the file in any script without letting the name break the header. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Published data: an owner uploads a data set (Parquet, usually) for the document's members to fetch.
 * Blobs are addressed by their SHA-256, checked while the body streams in, stored in the database in
 * chunks, limited in size (`limits.maxBlobBytes`) and per document (`limits.docDataQuotaBytes`).
 */
export function createDataApi(
  ctx: RelayContext,
  docs: Pick<DocsService, 'roleFor' | 'recordActivity'>,
  store = new BlobStore(ctx.db, () => ctx.now()),
): DataService {
  const access = { db: ctx.db, docs };
  const { maxBlobBytes, docDataQuotaBytes } = ctx.config.limits;

  const sweep = () =>
    store
      .sweep()
      .catch((error: unknown) => ctx.log.error({ err: error }, 'sweeping abandoned uploads failed'));
  void sweep();
  ctx.events.on('doc-deleted', ({ docId }) => {
    store
      .removeDoc(docId)
      .catch((error: unknown) =>
        ctx.log.error({ err: error, docId }, 'dropping the data of a deleted document failed'),
      );
  });

  const routes: Route[] = [
    route({
      method: 'PUT',
      path: '/api/docs/:id/data/:sha256',
      summary:
        'Publish a data set (owners): the raw bytes as the body, the name in x-facet-name (percent-encoded), the media type as Content-Type; the URL names the SHA-256 of the bytes',
      tag: 'data',
      auth: 'user',
      rawBody: true,
      response: dataEntryView,
      status: 201,
      handler: async ({ params, principal, req, res }) => {
        // Whatever is refused before the body is read, the connection closes after the answer, so an
        // unread (possibly huge) body is never drained.
        res.setHeader('connection', 'close');
        const { doc, userId } = await authorizeDoc(access, principal, params.id, 'publish-data');
        const sha256 = parseSha256(params.sha256);
        const meta = uploadMetadata(req.headers);
        const declared = declaredLength(req.headers);
        if (declared !== null && declared > maxBlobBytes) throw tooLarge(maxBlobBytes);
        const used = await store.usage(doc.id, sha256);
        if (declared !== null && used + declared > docDataQuotaBytes)
          throw quotaExceeded(docDataQuotaBytes, used);
        void sweep();
        const room = Math.min(maxBlobBytes, docDataQuotaBytes - used);
        let staged: StagedBlob;
        try {
          staged = await store.stage(doc.id, req.iterator({ destroyOnReturn: false }), room, () =>
            room === maxBlobBytes ? tooLarge(maxBlobBytes) : quotaExceeded(docDataQuotaBytes, used),
          );
        } catch (error) {
          if (error instanceof HttpError) throw error;
          if (req.readableAborted || (error as { code?: string }).code === 'ECONNRESET')
            throw new HttpError(400, 'incomplete_body', 'The body ended before all of it arrived.');
          throw error;
        }
        try {
          if (declared !== null && staged.size !== declared)
            throw new HttpError(400, 'incomplete_body', 'The body ended before all of it arrived.');
          if (staged.sha256 !== sha256)
            throw new HttpError(
              400,
              'hash_mismatch',
              `The body's SHA-256 is ${staged.sha256}, not the ${sha256} the URL names.`,
            );
          const entry = await store.publish(
            staged,
            { docId: doc.id, name: meta.name, mediaType: meta.mediaType, publishedBy: userId },
            docDataQuotaBytes,
          );
          res.removeHeader('connection');
          await docs.recordActivity(doc.id, userId, 'data-published', {
            sha256,
            name: entry.name,
            size: entry.size,
          });
          return entry;
        } finally {
          await store.discard(staged.uploadId);
        }
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/data',
      summary: 'Data sets published to the document, newest first',
      tag: 'data',
      auth: 'user',
      response: z.object({ items: z.array(dataEntryView), usedBytes: z.number(), quotaBytes: z.number() }),
      handler: async ({ params, principal }) => {
        const { doc } = await authorizeDoc(access, principal, params.id, 'read');
        const items = await store.list(doc.id);
        return { items, usedBytes: items.reduce((n, e) => n + e.size, 0), quotaBytes: docDataQuotaBytes };
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/data/:sha256',
      summary: 'The bytes of a published data set (a single Range is supported)',
      tag: 'data',
      auth: 'user',
      handler: async ({ params, principal, req, res, log }) => {
        const { doc } = await authorizeDoc(access, principal, params.id, 'read');
        const entry = await store.entry(doc.id, parseSha256(params.sha256));
        if (!entry) throw notFound('No such data set in this document.');
        const range = parseRange(req.headers.range, entry.size);
        const headers: Record<string, string> = {
          'content-type': entry.mediaType,
          'content-disposition': attachment(entry.name),
          // The media type is the publisher's word: never let a browser run it on the relay's origin.
          'x-content-type-options': 'nosniff',
          'content-security-policy': "sandbox; default-src 'none'",
          'accept-ranges': 'bytes',
          etag: `"${entry.sha256}"`,
          // Access can be revoked, so a cached copy is checked each time (the ETag never changes)
          'cache-control': 'private, no-cache',
        };
        if (range === 'unsatisfiable') {
          res.writeHead(416, { ...headers, 'content-range': `bytes */${entry.size}`, 'content-length': '0' });
          res.end();
          return HANDLED;
        }
        const { start, end } = range ?? { start: 0, end: entry.size - 1 };
        res.writeHead(range ? 206 : 200, {
          ...headers,
          'content-length': String(Math.max(0, end - start + 1)),
          ...(range ? { 'content-range': `bytes ${start}-${end}/${entry.size}` } : {}),
        });
        if (end < start) {
          res.end();
          return HANDLED;
        }
        try {
          await pipeline(Readable.from(store.read(entry.sha256, start, end)), res);
        } catch (error) {
          // A client that hangs up mid-download is routine; anything else is worth a line.
          if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
            log.error({ err: error, sha256: entry.sha256 }, 'streaming a data set failed');
          res.destroy();
        }
        return HANDLED;
      },
    }),

    route({
      method: 'DELETE',
      path: '/api/docs/:id/data/:sha256',
      summary: 'Remove a data set from the document (owners); its bytes go with the last document using them',
      tag: 'data',
      auth: 'user',
      status: 204,
      handler: async ({ params, principal }) => {
        const { doc, userId } = await authorizeDoc(access, principal, params.id, 'delete');
        const sha256 = parseSha256(params.sha256);
        const entry = await store.entry(doc.id, sha256);
        if (!entry || !(await store.remove(doc.id, sha256)))
          throw notFound('No such data set in this document.');
        await docs.recordActivity(doc.id, userId, 'data-deleted', { sha256, name: entry.name });
        return undefined;
      },
    }),
  ];
  return { routes, store };
}
