/** File access for engines running in Node. */
import { open, readFile, stat } from 'node:fs/promises';
import { SourceNotFoundError } from '@facet/engine/common';

export const nodeFiles = {
  async stat(path: string): Promise<{ size: number; mtimeMs: number }> {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new SourceNotFoundError(path);
      return { size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if (error instanceof SourceNotFoundError) throw error;
      throw new SourceNotFoundError(path);
    }
  },
  async readHead(path: string, length: number): Promise<Uint8Array> {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  async readAll(path: string): Promise<Uint8Array> {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
};
