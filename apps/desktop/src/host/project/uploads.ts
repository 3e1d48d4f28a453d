/**
 * Files sent from a browser in pieces (drag-and-drop, the file picker in web mode): each upload
 * writes its chunks, in order, to a scratch file in the project folder; finishing imports it like
 * any file (the Parquet copy in data/ is what stays) and removes the scratch. Chunks keep every
 * message small, let the page show progress, and let the person cancel a big file midway. The
 * rules (order, sizes, names) are engine/common's, shared with the browser app.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  checkChunk,
  checkComplete,
  checkUploadSize,
  InvalidArgumentError,
  noSuchUpload,
  uploadFileName,
} from '@facet/engine/common';

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
    const base = uploadFileName(fileName);
    if (Buffer.byteLength(base) > 200) throw new InvalidArgumentError('The file name is too long.');
    checkUploadSize(size);
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
    checkChunk(upload, offset, bytes, () => this.cancel(id));
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
      checkComplete(upload);
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
    if (!upload) throw noSuchUpload();
    return upload;
  }
}
