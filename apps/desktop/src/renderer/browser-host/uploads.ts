/**
 * Files sent in pieces (HostApi `sources.upload*`), the browser's way. The page and the host share
 * one memory, and DuckDB-WASM needs a file's bytes whole, so the pieces are copied straight into
 * one buffer of the announced size; finishing hands it over for import. The rules are engine/common's
 * upload rules, shared with the desktop host.
 */
import {
  checkChunk,
  checkComplete,
  checkUploadSize,
  InvalidArgumentError,
  noSuchUpload,
  uploadFileName,
} from '@facet/engine/common';
/** Largest file the browser app takes: its bytes are held in memory (twice, with DuckDB's copy). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

interface Upload {
  fileName: string;
  bytes: Uint8Array;
  received: number;
}

export class Uploads {
  private readonly open = new Map<string, Upload>();
  private counter = 0;

  start(fileName: string, size: number): string {
    const clean = uploadFileName(fileName);
    checkUploadSize(size);
    if (size > MAX_UPLOAD_BYTES)
      throw new InvalidArgumentError(
        `"${clean}" is ${formatGiB(size)}; the browser app holds files in memory and takes up to ${formatGiB(MAX_UPLOAD_BYTES)}. The desktop app reads bigger files from disk.`,
      );
    const id = `upload-${++this.counter}-${Date.now().toString(36)}`;
    this.open.set(id, { fileName: clean, bytes: new Uint8Array(size), received: 0 });
    return id;
  }

  /** Appends a chunk; `offset` must be where the last one ended (no gaps, no overlaps). */
  chunk(id: string, offset: number, bytes: Uint8Array): { received: number; size: number } {
    const upload = this.get(id);
    checkChunk({ size: upload.bytes.byteLength, received: upload.received }, offset, bytes, () =>
      this.cancel(id),
    );
    upload.bytes.set(bytes, upload.received);
    upload.received += bytes.byteLength;
    return { received: upload.received, size: upload.bytes.byteLength };
  }

  /** The whole file, once every byte arrived; the upload is over either way. */
  finish(id: string): { fileName: string; bytes: Uint8Array } {
    const upload = this.get(id);
    this.open.delete(id);
    checkComplete({ size: upload.bytes.byteLength, received: upload.received });
    return { fileName: upload.fileName, bytes: upload.bytes };
  }

  cancel(id: string): void {
    this.open.delete(id);
  }

  cancelAll(): void {
    this.open.clear();
  }

  private get(id: string): Upload {
    const upload = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!upload) throw noSuchUpload();
    return upload;
  }
}

function formatGiB(bytes: number): string {
  return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
