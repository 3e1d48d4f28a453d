/**
 * The bytes of imported files, content-addressed by SHA-256. They live in the Origin Private File
 * System (`facet/<project id>/<hash>`), which holds large files without loading them into
 * IndexedDB's memory; where OPFS is missing or refuses a write (some private windows, older
 * browsers) they go to the project database's `blobs` store instead. Reads try both.
 */
import { req, transact } from './idb.ts';

export class BlobStore {
  constructor(
    private readonly db: IDBDatabase,
    private readonly projectId: string,
  ) {}

  /** Stores bytes under their hash (a no-op when they are stored already); returns the hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = await sha256(bytes);
    if (await this.has(hash)) return hash;
    const dir = await this.folder(true);
    if (dir) {
      try {
        const handle = await dir.getFileHandle(hash, { create: true });
        const writable = await handle.createWritable();
        await writable.write(bytes.slice().buffer);
        await writable.close();
        return hash;
      } catch (error) {
        console.warn('[facet] OPFS write failed; keeping the file in IndexedDB instead', error);
        await dir.removeEntry(hash).catch(() => undefined);
      }
    }
    await transact(this.db, 'blobs', 'readwrite', (tx) => void tx.objectStore('blobs').put(bytes, hash));
    return hash;
  }

  /** The bytes stored under a hash, or undefined. */
  async get(hash: string): Promise<Uint8Array | undefined> {
    const dir = await this.folder(false);
    if (dir) {
      try {
        const file = await (await dir.getFileHandle(hash)).getFile();
        return new Uint8Array(await file.arrayBuffer());
      } catch {
        // Not in OPFS: maybe in the fallback store.
      }
    }
    return transact(this.db, 'blobs', 'readonly', (tx) =>
      req(tx.objectStore('blobs').get(hash) as IDBRequest<Uint8Array | undefined>),
    );
  }

  async has(hash: string): Promise<boolean> {
    const dir = await this.folder(false);
    if (
      dir &&
      (await dir.getFileHandle(hash).then(
        () => true,
        () => false,
      ))
    )
      return true;
    const count = await transact(this.db, 'blobs', 'readonly', (tx) =>
      req(tx.objectStore('blobs').count(hash)),
    );
    return count > 0;
  }

  /** Deletes every stored file whose hash is not in `keep`. */
  async retain(keep: ReadonlySet<string>): Promise<void> {
    const dir = await this.folder(false);
    if (dir) {
      for await (const name of entryNames(dir))
        if (!keep.has(name)) await dir.removeEntry(name).catch(() => undefined);
    }
    await transact(this.db, 'blobs', 'readwrite', async (tx) => {
      const store = tx.objectStore('blobs');
      for (const key of await req(store.getAllKeys())) if (!keep.has(String(key))) store.delete(key);
    });
  }

  /** Copies every file of this project into another project's store. */
  async copyTo(other: BlobStore): Promise<void> {
    const dir = await this.folder(false);
    if (!dir) return; // The IndexedDB copies travel with the database itself.
    for await (const name of entryNames(dir)) {
      const bytes = await this.get(name);
      if (bytes) await other.put(bytes);
    }
  }

  /** Removes the project's OPFS folder (its database is deleted separately). */
  static async deleteProject(projectId: string): Promise<void> {
    const root = await opfsRoot();
    await root?.removeEntry(projectId, { recursive: true }).catch(() => undefined);
  }

  private async folder(create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
    const root = await opfsRoot();
    return root?.getDirectoryHandle(this.projectId, { create }).catch(() => undefined);
  }
}

/** `facet/` in the Origin Private File System, or undefined where there is none. */
async function opfsRoot(): Promise<FileSystemDirectoryHandle | undefined> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (typeof storage?.getDirectory !== 'function') return undefined;
  try {
    return await (await storage.getDirectory()).getDirectoryHandle('facet', { create: true });
  } catch {
    return undefined;
  }
}

/** A folder's entry names (`keys()` is not in TypeScript's DOM types yet). */
function entryNames(dir: FileSystemDirectoryHandle): AsyncIterable<string> {
  return (dir as unknown as { keys(): AsyncIterable<string> }).keys();
}

/** The SHA-256 of bytes, as hex. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
