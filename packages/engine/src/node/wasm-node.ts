/**
 * DuckDB-WASM in Node: the async (worker) build running in a `worker_threads` thread, so queries
 * never block the event loop and can be cancelled. The thread speaks the Web Worker protocol
 * through a small shim (wasm-worker.cjs).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WasmDatabase } from '@facet/engine/common';

const require = createRequire(import.meta.url);

type Listener = (event: unknown) => void;

/** A Node worker thread dressed as the Web Worker that AsyncDuckDB expects. */
class WebWorkerShim {
  private readonly worker: Worker;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(script: string) {
    this.worker = new Worker(path.join(import.meta.dirname, 'wasm-worker.cjs'), {
      workerData: { script, debug: Boolean(process.env.FACET_DEBUG) },
    });
    this.worker.on('message', (data: unknown) => this.emit('message', { data }));
    this.worker.on('error', (error: unknown) => this.emit('error', error));
    this.worker.on('exit', () => this.emit('close', undefined));
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer as never);
  }

  terminate(): void {
    void this.worker.terminate();
  }

  /** Settles (rejects) when the thread crashes or exits. */
  readonly death = new Promise<never>((_, reject) => {
    this.addEventListener('error', (error) =>
      reject(new Error(`DuckDB-WASM stopped: ${String((error as Error)?.message ?? error)}`)),
    );
    this.addEventListener('close', () => reject(new Error('DuckDB-WASM stopped.')));
  });

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

interface DuckDbWasmModule {
  AsyncDuckDB: new (
    logger: unknown,
    worker: unknown,
  ) => WasmDatabase & {
    instantiate(mainModule: string): Promise<unknown>;
    open(config: unknown): Promise<void>;
  };
  VoidLogger: new () => unknown;
}

/** Starts DuckDB-WASM (exception-handling build) in a worker thread and opens an in-memory database. */
export async function startWasmDatabase(): Promise<WasmDatabase> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node.cjs') as DuckDbWasmModule;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const worker = new WebWorkerShim(path.join(dist, 'duckdb-node-eh.worker.cjs'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  worker.death.catch(() => undefined);
  await db.instantiate(path.join(dist, 'duckdb-eh.wasm'));
  // Each poll of a running query works up to 100 ms before answering, instead of many short round
  // trips to the worker; cancelling still takes effect within that time.
  await db.open({
    query: {
      castBigIntToDouble: false,
      castDecimalToDouble: false,
      castTimestampToDate: false,
      queryPollingInterval: 100,
    },
  });
  return failFastOnDeath(db, worker.death);
}

/**
 * duckdb-wasm forgets (never settles) pending requests when its worker dies; every call is raced
 * against the worker's death so callers get an error instead of waiting forever.
 */
function failFastOnDeath(db: WasmDatabase, death: Promise<never>): WasmDatabase {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'terminate') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? Promise.race([result, death]) : result;
      };
    },
  });
}
