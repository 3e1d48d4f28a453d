import { createHash } from 'node:crypto';
import { bytes, int, type Db, type Queryable } from '../db/db.ts';
import { newId } from '../docs-api/ids.ts';
import { HttpError, notFound } from '../http/http-error.ts';

/** Default size of one stored chunk: large enough that a 512 MiB blob is 128 rows, small enough to hold in memory. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** An upload no chunk has arrived for in this long is abandoned (its relay died); its chunks are dropped. */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** Bytes received and not yet stored: where they are staged, their SHA-256 and size. */
export interface StagedBlob {
  uploadId: string;
  sha256: string;
  size: number;
}

/** One published data set of a document. */
export interface DataEntry {
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  publishedBy: { id: string; name: string } | null;
  publishedAt: number;
}

type EntryRow = {
  sha256: string;
  name: string;
  media_type: string;
  size: unknown;
  published_by: string | null;
  publisher_name: string | null;
  published_at: unknown;
};

const SELECT_ENTRY = `SELECT e.sha256, e.name, e.media_type, e.size, e.published_by, u.name AS publisher_name, e.published_at
  FROM doc_data e LEFT JOIN users u ON u.id = e.published_by`;

function toEntry(row: EntryRow): DataEntry {
  return {
    sha256: row.sha256,
    name: row.name,
    mediaType: row.media_type,
    size: int(row.size),
    publishedBy: row.published_by === null ? null : { id: row.published_by, name: row.publisher_name ?? '' },
    publishedAt: int(row.published_at),
  };
}

const stagingKey = (uploadId: string) => `upload:${uploadId}`;

/**
 * Content-addressed blobs in the relay's database, so relays sharing a Postgres store share them too.
 *
 *   blob_uploads  one row per upload in progress (abandoned ones are swept)
 *   blob_chunks   (blob_key, seq) → bytes; blob_key is the SHA-256 once stored, `upload:<id>` while staged
 *   data_blobs    sha256 → size, chunk size: a row exists only for a complete, verified blob
 *   doc_data      (doc_id, sha256) → name, media type, publisher: the references, counted per document
 *
 * A blob two documents publish is stored once and counted against both quotas; removing its last
 * reference deletes its chunks. Every change that adds or drops a reference locks the blob's row, so a
 * publish and a delete of the same blob cannot leave a reference to missing chunks.
 */
export class BlobStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    readonly chunkBytes: number = CHUNK_BYTES,
  ) {}

  /**
   * Streams `source` into staged chunks, hashing as it reads. `tooLarge(bytes)` is thrown as soon as more
   * than `maxBytes` arrive. On any failure the staged chunks are dropped.
   */
  async stage(
    docId: string,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
    tooLarge: (bytes: number) => Error,
  ): Promise<StagedBlob> {
    const uploadId = newId();
    const key = stagingKey(uploadId);
    const at = this.now();
    await this.db.run('INSERT INTO blob_uploads (id, doc_id, started_at, touched_at) VALUES (?, ?, ?, ?)', [
      uploadId,
      docId,
      at,
      at,
    ]);
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let seq = 0;
    const flush = async (data: Buffer) => {
      await this.db.run('INSERT INTO blob_chunks (blob_key, seq, data) VALUES (?, ?, ?)', [key, seq++, data]);
      await this.db.run('UPDATE blob_uploads SET touched_at = ? WHERE id = ?', [this.now(), uploadId]);
    };
    try {
      for await (const piece of source) {
        const buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        size += buf.byteLength;
        if (size > maxBytes) throw tooLarge(size);
        hash.update(buf);
        pending.push(buf);
        pendingBytes += buf.byteLength;
        while (pendingBytes >= this.chunkBytes) {
          const all = Buffer.concat(pending, pendingBytes);
          await flush(all.subarray(0, this.chunkBytes));
          const rest = all.subarray(this.chunkBytes);
          pending = rest.byteLength > 0 ? [rest] : [];
          pendingBytes = rest.byteLength;
        }
      }
      if (pendingBytes > 0 || seq === 0) await flush(Buffer.concat(pending, pendingBytes));
    } catch (error) {
      await this.discard(uploadId);
      throw error;
    }
    return { uploadId, sha256: hash.digest('hex'), size };
  }

  /** Drops a staged upload (a no-op once {@link publish} has stored it). */
  async discard(uploadId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM blob_chunks WHERE blob_key = ?', [stagingKey(uploadId)]);
      await tx.run('DELETE FROM blob_uploads WHERE id = ?', [uploadId]);
    });
  }

  /**
   * Stores a staged, verified blob (or keeps the copy already stored) and records it as a data set of
   * `docId`, replacing that document's earlier entry for the same bytes. Throws 507 when the document's
   * published data would exceed `quotaBytes`, 404 when the document was deleted meanwhile.
   */
  async publish(
    staged: StagedBlob,
    entry: { docId: string; name: string; mediaType: string; publishedBy: string },
    quotaBytes: number,
  ): Promise<DataEntry> {
    const d = this.db.dialect;
    const at = this.now();
    await this.db.transaction(async (tx) => {
      // Serializes publishes to one document, so two at once cannot both fit under the quota.
      const doc = await tx.get(`SELECT id FROM docs WHERE id = ? AND deleted_at IS NULL${d.forUpdate}`, [
        entry.docId,
      ]);
      if (!doc) throw notFound('No such document, or you do not have access to it.');
      const used = await this.usage(entry.docId, staged.sha256, tx);
      if (used + staged.size > quotaBytes) throw quotaExceeded(quotaBytes, used);
      const stored = await tx.get(`SELECT sha256 FROM data_blobs WHERE sha256 = ?${d.forUpdate}`, [
        staged.sha256,
      ]);
      const inserted =
        !stored &&
        (await tx.run(
          'INSERT INTO data_blobs (sha256, size, chunk_bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
          [staged.sha256, staged.size, this.chunkBytes, at],
        )) > 0;
      if (inserted)
        await tx.run('UPDATE blob_chunks SET blob_key = ? WHERE blob_key = ?', [
          staged.sha256,
          stagingKey(staged.uploadId),
        ]);
      else await tx.run('DELETE FROM blob_chunks WHERE blob_key = ?', [stagingKey(staged.uploadId)]);
      await tx.run('DELETE FROM blob_uploads WHERE id = ?', [staged.uploadId]);
      await tx.run(
        `INSERT INTO doc_data (doc_id, sha256, name, media_type, size, published_by, published_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (doc_id, sha256) DO UPDATE SET name = excluded.name, media_type = excluded.media_type,
             published_by = excluded.published_by, published_at = excluded.published_at`,
        [entry.docId, staged.sha256, entry.name, entry.mediaType, staged.size, entry.publishedBy, at],
      );
    });
    const published = await this.entry(entry.docId, staged.sha256);
    if (!published) throw notFound('The data set was deleted as it was published.');
    return published;
  }

  /** Bytes of data published to `docId` (leaving out `exceptSha256`, which a re-publish replaces). */
  async usage(docId: string, exceptSha256 = '', q: Queryable = this.db): Promise<number> {
    const row = await q.get(
      'SELECT COALESCE(SUM(size), 0) AS used FROM doc_data WHERE doc_id = ? AND sha256 <> ?',
      [docId, exceptSha256],
    );
    return int(row?.used);
  }

  async entry(docId: string, sha256: string): Promise<DataEntry | undefined> {
    const row = await this.db.get<EntryRow>(`${SELECT_ENTRY} WHERE e.doc_id = ? AND e.sha256 = ?`, [
      docId,
      sha256,
    ]);
    return row && toEntry(row);
  }

  /** A document's data sets, newest first. */
  async list(docId: string): Promise<DataEntry[]> {
    const rows = await this.db.all<EntryRow>(
      `${SELECT_ENTRY} WHERE e.doc_id = ? ORDER BY e.published_at DESC, e.sha256`,
      [docId],
    );
    return rows.map(toEntry);
  }

  /** The bytes `start` to `end` (inclusive) of a stored blob, a chunk at a time. */
  async *read(sha256: string, start: number, end: number): AsyncGenerator<Uint8Array> {
    const blob = await this.db.get('SELECT size, chunk_bytes FROM data_blobs WHERE sha256 = ?', [sha256]);
    if (!blob) throw notFound('No such data set.');
    const chunk = int(blob.chunk_bytes);
    const last = Math.min(end, int(blob.size) - 1);
    for (let seq = Math.floor(start / chunk); seq * chunk <= last; seq++) {
      const row = await this.db.get('SELECT data FROM blob_chunks WHERE blob_key = ? AND seq = ?', [
        sha256,
        seq,
      ]);
      if (!row) throw new Error(`blob ${sha256} has no chunk ${seq}`);
      const data = bytes(row.data);
      const from = Math.max(0, start - seq * chunk);
      const to = Math.min(data.byteLength, last - seq * chunk + 1);
      yield data.subarray(from, to);
    }
  }

  /** Removes a document's reference to a blob; the blob's chunks go with its last reference. */
  async remove(docId: string, sha256: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.get(`SELECT sha256 FROM data_blobs WHERE sha256 = ?${this.db.dialect.forUpdate}`, [sha256]);
      const n = await tx.run('DELETE FROM doc_data WHERE doc_id = ? AND sha256 = ?', [docId, sha256]);
      if (n > 0) await dropIfUnreferenced(tx, sha256);
      return n > 0;
    });
  }

  /** Removes every data set of a (deleted) document. */
  async removeDoc(docId: string): Promise<void> {
    const rows = await this.db.all<{ sha256: string }>('SELECT sha256 FROM doc_data WHERE doc_id = ?', [
      docId,
    ]);
    for (const { sha256 } of rows) await this.remove(docId, sha256);
  }

  /** Drops uploads no chunk arrived for in `olderThanMs` (their relay stopped mid-upload). */
  async sweep(olderThanMs = STALE_UPLOAD_MS): Promise<number> {
    const stale = await this.db.all<{ id: string }>('SELECT id FROM blob_uploads WHERE touched_at < ?', [
      this.now() - olderThanMs,
    ]);
    for (const { id } of stale) await this.discard(id);
    return stale.length;
  }
}

async function dropIfUnreferenced(tx: Queryable, sha256: string): Promise<void> {
  if (await tx.get('SELECT 1 AS used FROM doc_data WHERE sha256 = ? LIMIT 1', [sha256])) return;
  await tx.run('DELETE FROM data_blobs WHERE sha256 = ?', [sha256]);
  await tx.run('DELETE FROM blob_chunks WHERE blob_key = ?', [sha256]);
}

/** 507: the document's published data would pass its quota. */
export function quotaExceeded(quotaBytes: number, usedBytes: number): HttpError {
  return new HttpError(
    507,
    'quota_exceeded',
    `This document's published data may total ${quotaBytes} bytes; ${usedBytes} are in use. Delete a data set first.`,
  );
}
