/**
 * The client side of `npm run bench:relay`: real `@hocuspocus/provider` clients, several documents
 * multiplexed over one socket where asked, an edit that carries its send time, and the convergence
 * check that ends every phase. All clients live in this process, so their clocks agree.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket as WebSocketPolyfill } from 'ws';
import * as Y from 'yjs';

/** What a benchmark edit writes under its client's key: the send time and a sequence number. */
interface Stamp {
  t: number;
  n: number;
}

/** Latency samples (ms) of edits sent at or after `since`, as the other clients observed them. */
export class LatencyRecorder {
  since = Number.POSITIVE_INFINITY;
  samples: number[] = [];

  /** Starts a measurement window: earlier edits are not counted. */
  start(): void {
    this.since = performance.now();
    this.samples = [];
  }

  /** Ends the window; later observations are not counted. */
  stop(): void {
    this.since = Number.POSITIVE_INFINITY;
  }
}

/** A client did not sync in time (the cold-load phase reports it as a figure, not a crash). */
export class SyncTimeout extends Error {
  override readonly name = 'SyncTimeout';
}

/** One simulated user on one document. */
export interface BenchClient {
  docName: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Sets this client's key to a fresh {@link Stamp}. */
  edit(): void;
  /** Resolves once every local edit has been acknowledged by the server. */
  settled(): Promise<void>;
  /** Edits sent by this client. */
  sent: number;
}

/** Providers and their sockets; sockets are shared by key (one key per simulated device). */
export class ClientPool {
  readonly clients: BenchClient[] = [];
  private readonly sockets = new Map<string, HocuspocusProviderWebsocket>();
  /** Socket closes nobody asked for (a refused or dropped connection invalidates the figures). */
  readonly unexpectedCloses: string[] = [];
  private closing = false;

  constructor(
    private readonly wsUrl: string,
    private readonly token: string,
    private readonly recorder: LatencyRecorder,
  ) {}

  private socket(key: string): HocuspocusProviderWebsocket {
    let socket = this.sockets.get(key);
    if (!socket) {
      socket = new HocuspocusProviderWebsocket({
        url: this.wsUrl,
        WebSocketPolyfill,
        delay: 50,
        minDelay: 50,
        maxDelay: 1000,
      });
      socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
        if (!this.closing) this.unexpectedCloses.push(`${event.code} ${event.reason}`.trim());
      });
      this.sockets.set(key, socket);
    }
    return socket;
  }

  /** Opens `docName` on the socket named `socketKey`; resolves once synced. */
  connect(docName: string, socketKey: string, timeoutMs = 30_000): Promise<BenchClient> {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket(socketKey),
      name: docName,
      document: doc,
      token: this.token,
    });
    const map = doc.getMap<Stamp>('edits');
    const key = `c${this.clients.length}`;
    const recorder = this.recorder;
    map.observe((event, tr) => {
      if (tr.local) return;
      const now = performance.now();
      for (const changed of event.keysChanged) {
        const stamp = map.get(changed);
        if (stamp && stamp.t >= recorder.since) recorder.samples.push(now - stamp.t);
      }
    });
    const client: BenchClient = {
      docName,
      doc,
      provider,
      sent: 0,
      edit() {
        client.sent++;
        map.set(key, { t: performance.now(), n: client.sent });
      },
      settled: () =>
        new Promise<void>((resolve) => {
          if (provider.unsyncedChanges === 0) return resolve();
          const check = () => {
            if (provider.unsyncedChanges > 0) return;
            provider.off('unsyncedChanges', check);
            resolve();
          };
          provider.on('unsyncedChanges', check);
        }),
    };
    provider.attach();
    this.clients.push(client);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new SyncTimeout(`${docName} did not sync in ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      provider.on('synced', () => {
        clearTimeout(timer);
        resolve(client);
      });
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
        clearTimeout(timer);
        reject(new Error(`${docName}: authentication failed (${reason})`));
      });
    });
  }

  /** Connects many clients, `parallel` at a time (a burst of thousands would measure the ramp). */
  async connectAll(
    wanted: readonly { docName: string; socketKey: string }[],
    parallel = 50,
  ): Promise<BenchClient[]> {
    const out: BenchClient[] = [];
    for (let i = 0; i < wanted.length; i += parallel) {
      const batch = wanted.slice(i, i + parallel);
      out.push(...(await Promise.all(batch.map((w) => this.connect(w.docName, w.socketKey)))));
    }
    return out;
  }

  /** Fails loudly if a socket closed under load (rate limit, crash, refused connection). */
  assertNoCloses(): void {
    if (this.unexpectedCloses.length > 0)
      throw new Error(
        `${this.unexpectedCloses.length} sockets closed during the run: ${[...new Set(this.unexpectedCloses)].slice(0, 5).join('; ')}`,
      );
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  destroy(): void {
    this.closing = true;
    for (const client of this.clients) client.provider.destroy();
    for (const socket of this.sockets.values()) {
      // Closing a socket still connecting (a server too busy to answer) emits an 'error' nobody handles.
      const ws = socket.webSocket as unknown as {
        on?: (event: 'error', listener: () => void) => void;
      } | null;
      ws?.on?.('error', () => undefined);
      socket.destroy();
    }
  }
}

/**
 * Waits until every client has been acknowledged and all clients of each document hold identical
 * state (same state vector and same content); throws, naming a document, if that does not happen.
 */
export async function assertConverged(clients: readonly BenchClient[], timeoutMs = 60_000): Promise<void> {
  await withTimeout(Promise.all(clients.map((c) => c.settled())), timeoutMs, 'edits still unacknowledged');
  const byDoc = new Map<string, BenchClient[]>();
  for (const c of clients) byDoc.set(c.docName, [...(byDoc.get(c.docName) ?? []), c]);
  const until = performance.now() + timeoutMs;
  for (;;) {
    const diverged = [...byDoc].find(([, group]) => !sameState(group));
    if (!diverged) return;
    if (performance.now() > until)
      throw new Error(`clients of ${diverged[0]} did not converge within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sameState(group: readonly BenchClient[]): boolean {
  const [first, ...rest] = group;
  if (!first) return true;
  const vector = Buffer.from(Y.encodeStateVector(first.doc)).toString('base64');
  const content = contentOf(first.doc);
  return rest.every(
    (c) =>
      Buffer.from(Y.encodeStateVector(c.doc)).toString('base64') === vector && contentOf(c.doc) === content,
  );
}

/** The edits map in key order (a map's iteration order depends on the order updates arrived in). */
function contentOf(doc: Y.Doc): string {
  return JSON.stringify(Object.entries(doc.getMap('edits').toJSON()).sort(([a], [b]) => a.localeCompare(b)));
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} after ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
