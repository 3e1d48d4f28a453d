/**
 * A few promise helpers over IndexedDB. Transactions stay callback-shaped at heart: `transact`
 * hands the work a transaction and resolves only once it has *committed* (`complete`), so a
 * resolved write is on disk. Work may await requests (`req`) inside the transaction, but must not
 * await anything else, or the transaction auto-commits early.
 */
import { InvalidArgumentError } from '@facet/engine/common';

/** Resolves with a request's result (or rejects with its error). */
export function req<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Runs `work` in one transaction and resolves with its value once the transaction committed. */
export function transact<T>(
  db: IDBDatabase,
  stores: string | string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(stores, mode, { durability: 'strict' });
    } catch (error) {
      reject(storageError(error));
      return;
    }
    let value: T;
    let failed: unknown;
    tx.oncomplete = () => (failed === undefined ? resolve(value) : reject(storageError(failed)));
    tx.onabort = () => reject(storageError(failed ?? tx.error ?? new Error('The transaction was aborted.')));
    Promise.resolve()
      .then(() => work(tx))
      .then(
        (result) => (value = result),
        (error: unknown) => {
          failed = error;
          try {
            tx.abort();
          } catch {
            // Already finished: oncomplete/onabort reports it.
          }
        },
      );
  });
}

/** Opens (creating or upgrading) a database. Another tab's upgrade or delete closes this handle. */
export function openDatabase(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, oldVersion: number, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (tx) upgrade(request.result, event.oldVersion, tx);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(storageError(request.error));
    request.onblocked = () => undefined; // waits for the other tab to close its handle
  });
}

/** Deletes a database (after other tabs closed their handles, which they do on `versionchange`). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(storageError(request.error));
  });
}

/** Every value in `store` (or an index of it) within a key range, in key order (or reversed). */
export async function values<T>(
  source: IDBObjectStore | IDBIndex,
  range?: IDBKeyRange | null,
  options: { reverse?: boolean; limit?: number } = {},
): Promise<T[]> {
  if (!options.reverse) return (await req(source.getAll(range, options.limit))) as T[];
  const out: T[] = [];
  await new Promise<void>((resolve, reject) => {
    const cursor = source.openCursor(range, 'prev');
    cursor.onerror = () => reject(storageError(cursor.error));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c || (options.limit !== undefined && out.length >= options.limit)) return resolve();
      out.push(c.value as T);
      c.continue();
    };
  });
  return out;
}

/** Storage errors read as what they mean to a person (a full disk above all). */
export function storageError(error: unknown): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new InvalidArgumentError(
      "The browser's storage for Facet is full: free some space or delete projects you no longer need.",
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
