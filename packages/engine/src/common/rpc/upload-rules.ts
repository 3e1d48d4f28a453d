/**
 * The rules of a file sent in pieces (HostApi `sources.upload*`), the same in the desktop host
 * (chunks to a scratch file) and the browser app (chunks into memory): a plain file name, a whole
 * announced size, chunks in order with none past that size, at most 16 MiB each, and nothing
 * imported until every byte arrived.
 */
import { InvalidArgumentError } from '../errors.ts';

/** Largest chunk accepted in one message. */
export const MAX_UPLOAD_CHUNK = 16 * 1024 * 1024;

/** An upload's bookkeeping: bytes announced and bytes received so far. */
export interface UploadCount {
  size: number;
  received: number;
}

/** The file's base name, without control characters; refuses names that are no file name. */
export function uploadFileName(fileName: unknown): string {
  const base = String(fileName ?? '')
    .split(/[\\/]/)
    .pop();
  const clean = [...(base ?? '')].filter((ch) => ch.charCodeAt(0) >= 32).join('');
  if (!clean || clean === '.' || clean === '..') throw new InvalidArgumentError('The file needs a name.');
  return clean;
}

export function checkUploadSize(size: unknown): asserts size is number {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw new InvalidArgumentError('The file size must be a whole number of bytes.');
}

/**
 * Checks a chunk against what arrived so far. A chunk past the announced size ends the upload:
 * `cancel` runs before the error is thrown.
 */
export function checkChunk(upload: UploadCount, offset: unknown, bytes: unknown, cancel: () => void): void {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('A chunk must be bytes.');
  if (bytes.byteLength > MAX_UPLOAD_CHUNK)
    throw new InvalidArgumentError(`Chunks may be at most ${MAX_UPLOAD_CHUNK} bytes.`);
  if (offset !== upload.received)
    throw new InvalidArgumentError(`Expected the chunk at byte ${upload.received}, not ${String(offset)}.`);
  if (upload.received + bytes.byteLength > upload.size) {
    cancel();
    throw new InvalidArgumentError('The file is larger than announced; the upload was cancelled.');
  }
}

export function checkComplete(upload: UploadCount): void {
  if (upload.received !== upload.size)
    throw new InvalidArgumentError(
      `The upload is incomplete (${upload.received} of ${upload.size} bytes); send the rest first.`,
    );
}

/** The error for an id that names no open upload. */
export function noSuchUpload(): InvalidArgumentError {
  return new InvalidArgumentError('There is no such upload (it finished, was cancelled or never began).');
}
