/** The small records a browser project keeps: query history, settings and the tour's progress. */
import { InvalidArgumentError } from '@facet/engine/common';
import type { HistoryEntry } from '../../shared/host-api.ts';
import { req, transact, values } from './idb.ts';

/** History is trimmed to this many entries, oldest first. */
const HISTORY_LIMIT = 10_000;

export class Records {
  constructor(private readonly db: IDBDatabase) {}

  // ── Query history ──

  async recordQuery(entry: Omit<HistoryEntry, 'id'>): Promise<number> {
    const id = await transact(this.db, 'history', 'readwrite', (tx) =>
      req(tx.objectStore('history').add(entry)),
    );
    const n = Number(id);
    if (n % 100 === 0) {
      await transact(this.db, 'history', 'readwrite', (tx) =>
        tx.objectStore('history').delete(IDBKeyRange.upperBound(n - HISTORY_LIMIT)),
      );
    }
    return n;
  }

  /** Recent queries, newest first. */
  async history(options: { limit?: number; canvasId?: string } = {}): Promise<HistoryEntry[]> {
    const limit = clampLimit(options.limit);
    return transact(this.db, 'history', 'readonly', (tx) => {
      const store = tx.objectStore('history');
      return options.canvasId === undefined
        ? values<HistoryEntry>(store, null, { reverse: true, limit })
        : values<HistoryEntry>(
            store.index('canvas'),
            IDBKeyRange.bound([options.canvasId], [options.canvasId, Infinity]),
            { reverse: true, limit },
          );
    });
  }

  // ── Settings ──

  async settings(): Promise<Record<string, unknown>> {
    return transact(this.db, 'settings', 'readonly', async (tx) => {
      const store = tx.objectStore('settings');
      const [keys, vals] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
      return Object.fromEntries(keys.map((k, i) => [String(k), vals[i] as unknown]));
    });
  }

  async setting(key: string): Promise<unknown> {
    return transact(this.db, 'settings', 'readonly', (tx) => req(tx.objectStore('settings').get(key)));
  }

  /** Stores a JSON value (a copy of it, as JSON would read back); `undefined` removes the setting. */
  async setSetting(key: string, value: unknown): Promise<void> {
    if (typeof key !== 'string' || !key) throw new InvalidArgumentError('A setting needs a name.');
    if (value === undefined) {
      await transact(this.db, 'settings', 'readwrite', (tx) => void tx.objectStore('settings').delete(key));
      return;
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    if (json === undefined) throw new InvalidArgumentError(`Setting "${key}" must be a JSON value.`);
    const copy: unknown = JSON.parse(json);
    await transact(this.db, 'settings', 'readwrite', (tx) => void tx.objectStore('settings').put(copy, key));
  }

  // ── The guided tour ──

  async onboarding(): Promise<Record<string, number>> {
    return transact(this.db, 'onboarding', 'readonly', async (tx) => {
      const store = tx.objectStore('onboarding');
      const [keys, vals] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
      return Object.fromEntries(keys.map((k, i) => [String(k), Number(vals[i])]));
    });
  }

  async completeStep(step: string): Promise<void> {
    if (typeof step !== 'string' || !step || step.length > 100)
      throw new InvalidArgumentError('A tour step needs a short name.');
    await transact(this.db, 'onboarding', 'readwrite', async (tx) => {
      const store = tx.objectStore('onboarding');
      if ((await req(store.count(step))) === 0) store.put(Date.now(), step);
    });
  }

  async resetOnboarding(): Promise<void> {
    await transact(this.db, 'onboarding', 'readwrite', (tx) => void tx.objectStore('onboarding').clear());
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(Math.floor(limit ?? 100), 10_000));
}
