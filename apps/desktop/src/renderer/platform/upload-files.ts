/**
 * Sends files to the host in chunks (HostApi sources.upload*), reporting progress and stopping when
 * the signal aborts (the host then deletes what it received). Small files go the same way: one
 * path, tested once.
 */
import type { HostApi, SourceSummary } from '../../shared/host-api.ts';

export const UPLOAD_CHUNK = 4 * 1024 * 1024;

export interface UploadProgress {
  /** The file being sent. */
  fileName: string;
  /** Bytes sent so far, over all files, and in all. */
  sent: number;
  total: number;
  /** Sent in full; the host is importing it. */
  importing: boolean;
}

export async function uploadFiles(
  api: HostApi,
  files: readonly File[],
  options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<SourceSummary[]> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let sent = 0;
  const out: SourceSummary[] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    const id = await api.sources.uploadStart(file.name, file.size);
    try {
      for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK) {
        options.signal?.throwIfAborted();
        const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK).arrayBuffer());
        await api.sources.uploadChunk(id, offset, bytes);
        sent += bytes.byteLength;
        options.onProgress?.({ fileName: file.name, sent, total, importing: false });
      }
      options.signal?.throwIfAborted();
    } catch (error) {
      await api.sources.uploadCancel(id).catch(() => undefined);
      throw error;
    }
    options.onProgress?.({ fileName: file.name, sent, total, importing: true });
    out.push(...(await api.sources.uploadFinish(id)));
  }
  return out;
}
