/**
 * Files sent from a browser in pieces (drag-and-drop, the file picker in web mode): each upload
 * writes its chunks, in order, to a scratch file in the project folder; finishing imports it like
 * any file (the Parquet copy in data/ is what stays) and removes the scratch. Chunks keep every
 * message small, let the page show progress, and let the person cancel a big file midway.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '@facet/engine/common';

/** Largest chunk accepted in one message. */
export const MAX_UPLOAD_CHUNK = 16 * 1024 * 1024;

interface Upload {
  dir: string;
  file: string;
  fd: number;
  size: number;
  received: number;
  owner: symbol;
}

/** Uploads one connection may have open at once (each holds a file). */
export const MAX_OPEN_UPLOADS = 8;

export class Uploads {
  private readonly open = new Map<string, Upload>();

  constructor(private readonly projectDir: string) {
    // Scratch left by a crash (or a process killed mid-upload) is never finished: remove it.
    for (const entry of fs.readdirSync(projectDir)) {
      if (entry.startsWith('.upload-'))
        fs.rmSync(path.join(projectDir, entry), { recursive: true, force: true });
    }
  }

  start(fileName: string, size: number, owner: symbol): string {
    const base = [...path.basename(String(fileName))].filter((ch) => ch.charCodeAt(0) >= 32).join('');
    if (!base || base === '.' || base === '..') throw new InvalidArgumentError('The file needs a name.');
    if (Buffer.byteLength(base) > 200) throw new InvalidArgumentError('The file name is too long.');
    if (!Number.isSafeInteger(size) || size < 0)
      throw new InvalidArgumentError('The file size must be a whole number of bytes.');
    if ([...this.open.values()].filter((u) => u.owner === owner).length >= MAX_OPEN_UPLOADS)
      throw new InvalidArgumentError(`At most ${MAX_OPEN_UPLOADS} uploads may be open at once.`);
    const dir = fs.mkdtempSync(path.join(this.projectDir, '.upload-'));
    const file = path.join(dir, base);
    try {
      const id = randomUUID();
      this.open.set(id, { dir, file, fd: fs.openSync(file, 'wx'), size, received: 0, owner });
      return id;
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Appends a chunk; `offset` must be where the last one ended (no gaps, no overlaps). */
  chunk(id: string, offset: number, bytes: Uint8Array): { received: number; size: number } {
    const upload = this.get(id);
    if (bytes.byteLength > MAX_UPLOAD_CHUNK)
      throw new InvalidArgumentError(`Chunks may be at most ${MAX_UPLOAD_CHUNK} bytes.`);
    if (offset !== upload.received)
      throw new InvalidArgumentError(`Expected the chunk at byte ${upload.received}, not ${offset}.`);
    if (upload.received + bytes.byteLength > upload.size) {
      this.cancel(id);
      throw new InvalidArgumentError('The file is larger than announced; the upload was cancelled.');
    }
    // writeSync may write less than asked: write the rest at its place until all of it is down.
    let written = 0;
    while (written < bytes.byteLength)
      written += fs.writeSync(
        upload.fd,
        bytes,
        written,
        bytes.byteLength - written,
        upload.received + written,
      );
    upload.received += bytes.byteLength;
    return { received: upload.received, size: upload.size };
  }

  /**
   * Hands the complete file to `use` (which imports it) and removes the scratch afterwards, whether
   * the import worked or not.
   */
  async finish<T>(id: string, use: (file: string) => Promise<T>): Promise<T> {
    const upload = this.get(id);
    this.open.delete(id);
    try {
      fs.closeSync(upload.fd);
      if (upload.received !== upload.size)
        throw new InvalidArgumentError(
          `The upload is incomplete (${upload.received} of ${upload.size} bytes); send the rest first.`,
        );
      return await use(upload.file);
    } finally {
      fs.rmSync(upload.dir, { recursive: true, force: true });
    }
  }

  cancel(id: string): void {
    const upload = this.open.get(id);
    if (!upload) return;
    this.open.delete(id);
    fs.closeSync(upload.fd);
    fs.rmSync(upload.dir, { recursive: true, force: true });
  }

  /** Cancels what a session left unfinished (its window closed, its connection dropped). */
  cancelOwnedBy(owner: symbol): void {
    for (const [id, upload] of this.open) if (upload.owner === owner) this.cancel(id);
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.cancel(id);
  }

  private get(id: string): Upload {
    const upload = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!upload)
      throw new InvalidArgumentError('There is no such upload (it finished, was cancelled or never began).');
    return upload;
  }
}
