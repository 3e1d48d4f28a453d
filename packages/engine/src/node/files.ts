/** File access for engines running in Node. */
import { open, readFile, stat } from 'node:fs/promises';
import { InvalidArgumentError, SourceNotFoundError } from '@facet/engine/common';

export const nodeFiles = {
  async stat(path: string): Promise<{ size: number; mtimeMs: number }> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceNotFoundError(path);
      if (code === 'EACCES' || code === 'EPERM') throw new InvalidArgumentError(`Permission denied: ${path}`);
      throw new InvalidArgumentError(`Cannot open ${path} (${code ?? 'unknown error'}).`);
    }
    if (info.isDirectory()) throw new InvalidArgumentError(`${path} is a folder, not a file.`);
    if (!info.isFile()) throw new InvalidArgumentError(`${path} is not a regular file.`);
    return { size: info.size, mtimeMs: info.mtimeMs };
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
