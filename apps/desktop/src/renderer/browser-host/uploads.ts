/**
 * Files sent in pieces (HostApi `sources.upload*`), the browser's way. The page and the host share
 * one memory, and DuckDB-WASM needs a file's bytes whole, so the pieces are copied straight into
 * one buffer of the announced size; finishing hands it over for import. The rules are the
 * desktop's (uploads.ts there): chunks in order, none past the announced size, at most 16 MiB each.
 */
import { InvalidArgumentError } from '@facet/engine/common';

/** Largest chunk accepted in one call. */
export const MAX_UPLOAD_CHUNK = 16 * 1024 * 1024;
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
    const base = String(fileName ?? '')
      .split(/[\\/]/)
      .pop();
    const clean = [...(base ?? '')].filter((ch) => ch.charCodeAt(0) >= 32).join('');
    if (!clean || clean === '.' || clean === '..') throw new InvalidArgumentError('The file needs a name.');
    if (!Number.isSafeInteger(size) || size < 0)
      throw new InvalidArgumentError('The file size must be a whole number of bytes.');
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
    if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('A chunk must be bytes.');
    if (bytes.byteLength > MAX_UPLOAD_CHUNK)
      throw new InvalidArgumentError(`Chunks may be at most ${MAX_UPLOAD_CHUNK} bytes.`);
    if (offset !== upload.received)
      throw new InvalidArgumentError(`Expected the chunk at byte ${upload.received}, not ${offset}.`);
    if (upload.received + bytes.byteLength > upload.bytes.byteLength) {
      this.cancel(id);
      throw new InvalidArgumentError('The file is larger than announced; the upload was cancelled.');
    }
    upload.bytes.set(bytes, upload.received);
    upload.received += bytes.byteLength;
    return { received: upload.received, size: upload.bytes.byteLength };
  }

  /** The whole file, once every byte arrived; the upload is over either way. */
  finish(id: string): { fileName: string; bytes: Uint8Array } {
    const upload = this.get(id);
    this.open.delete(id);
    if (upload.received !== upload.bytes.byteLength)
      throw new InvalidArgumentError(
        `The upload is incomplete (${upload.received} of ${upload.bytes.byteLength} bytes); send the rest first.`,
      );
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
    if (!upload)
      throw new InvalidArgumentError('There is no such upload (it finished, was cancelled or never began).');
    return upload;
  }
}

function formatGiB(bytes: number): string {
  return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
