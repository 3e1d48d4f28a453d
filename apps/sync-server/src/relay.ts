import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { createAuth } from './auth/auth-service.ts';
import type { RelayConfig } from './config.ts';
import type { Db } from './db/db.ts';
import { PostgresDb } from './db/postgres-db.ts';
import { migrate } from './db/schema.ts';
import { SqliteDb } from './db/sqlite-db.ts';
import { createDocsApi } from './docs-api/docs-service.ts';
import { DocLog } from './docs/doc-log.ts';
import { durableLogExtension } from './docs/durable-extension.ts';
import { LiveDocs } from './docs/live-docs.ts';
import { Router, sendJson } from './http/router.ts';
import { createLogger } from './ops/logger.ts';
import { createMetrics, type RelayMetrics } from './ops/metrics.ts';
import { bridgeAccessEvents } from './ops/access-bridge.ts';
import { accessEvents, type RelayContext } from './relay-context.ts';
import { accessExtension } from './ws/access-extension.ts';
import { attachSocket, type SocketObserver } from './ws/attach-socket.ts';
import { CloseCodes } from './ws/close-codes.ts';
import { ConnectionRegistry } from './ws/connection-registry.ts';
import { KeyedRateLimiter } from './ws/limits.ts';
import { yWebsocketAdapter } from './ws/y-websocket-bridge.ts';
import { createNotifications, type Notifier } from './notifications/notifications-service.ts';
import { createDataApi } from './data/data-service.ts';
import { createVersionsApi } from './versions/versions-service.ts';

export interface Relay {
  /** http://host:port */
  url: string;
  /** ws://host:port — the Hocuspocus endpoint; y-websocket clients use `${wsUrl}/yjs/<docId>?token=…`. */
  wsUrl: string;
  port: number;
  config: RelayConfig;
  db: Db;
  docLog: DocLog;
  hocuspocus: Hocuspocus;
  /** Server-side reads and edits of live documents. */
  liveDocs: LiveDocs;
  /** Inbox notifications, emails and webhooks (`notify`, `notifyDocMembers`, `versionSaved`). */
  notifier: Notifier;
  metrics: RelayMetrics;
  log: Logger;
  /** Graceful shutdown: closes sockets (1001), stores every loaded document, then closes the store. */
  close(): Promise<void>;
}

const Y_WEBSOCKET_PATH = /^\/yjs\/([^/]+)$/;

function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** Starts a relay: REST API, Hocuspocus WebSocket endpoint, y-websocket bridge, health and metrics. */
export async function startRelay(config: RelayConfig): Promise<Relay> {
  mkdirSync(config.dataDir, { recursive: true });
  const log = createLogger(config.logLevel);
  const db: Db = config.postgresUrl
    ? new PostgresDb(config.postgresUrl)
    : new SqliteDb(join(config.dataDir, 'relay.sqlite'), { fsync: config.fsync });
  await migrate(db);
  const metrics = createMetrics(db);
  const docLog = new DocLog(db, metrics.observeCommit);
  const registry = new ConnectionRegistry();

  // Listen first: services need the public URL (token issuer, invite links), which may depend on the
  // port the OS picked. Requests that arrive before the services exist wait for them.
  const ready: {
    request?: (req: IncomingMessage, res: ServerResponse) => void;
    upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  } = {};
  const early: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    if (ready.request) ready.request(req, res);
    else early.push(() => ready.request?.(req, res));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (ready.upgrade) ready.upgrade(req, socket, head);
    else early.push(() => ready.upgrade?.(req, socket, head));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const ctx: RelayContext = {
    db,
    config,
    log,
    events: accessEvents(),
    publicUrl: (config.publicUrl ?? url).replace(/\/$/, ''),
    now: Date.now,
  };

  const auth = await createAuth(ctx);
  const stopBridge = config.redisUrl
    ? await bridgeAccessEvents(ctx, config.redisUrl, log)
    : () => Promise.resolve();
  const late: { hocuspocus?: Hocuspocus } = {};
  const docs = createDocsApi(ctx, {
    async onDelete(docId) {
      late.hocuspocus?.closeConnections(docId);
      await docLog.delete(docId);
    },
  });

  const notifications = createNotifications(ctx, docs);
  const extensions: Extension[] = [
    accessExtension(
      ctx,
      (c) => auth.authenticate(c),
      (docId, p) => docs.roleFor(docId, p),
      registry,
    ),
    notifications.extension, // before the durable log: checks commenters' updates before they are logged
    durableLogExtension(docLog, config.limits.maxDocBytes, log, config.compactEveryUpdates),
    {
      // Hocuspocus runs afterLoadDocument before it adds the document to its map, so its count is
      // one short there; every loaded document is unloaded exactly once, so count the hooks instead.
      afterLoadDocument() {
        metrics.documents.inc();
        return Promise.resolve();
      },
      afterUnloadDocument() {
        metrics.documents.dec();
        return Promise.resolve();
      },
    },
  ];
  if (config.redisUrl) {
    const redis = new URL(config.redisUrl);
    extensions.unshift(
      new Redis({
        host: redis.hostname,
        port: Number(redis.port) || 6379,
        options: {
          ...(redis.username ? { username: decodeURIComponent(redis.username) } : {}),
          ...(redis.password ? { password: decodeURIComponent(redis.password) } : {}),
          ...(redis.pathname.length > 1 ? { db: Number(redis.pathname.slice(1)) } : {}),
        },
        prefix: 'facet',
      }),
    );
  }
  const hp = new Hocuspocus({
    name: 'facet-relay',
    quiet: true,
    debounce: config.compactDebounceMs,
    maxDebounce: config.compactMaxDebounceMs,
    extensions,
  });
  late.hocuspocus = hp;
  const liveDocs = new LiveDocs(hp, docLog);

  const router = new Router((req) => auth.authenticateRequest(req), log);
  router.add(...auth.routes, ...docs.routes);
  // Feature modules (comments, versions, data) add their routes below, one line each.
  router.add(...notifications.routes);
  const versions = createVersionsApi(ctx, { docs, liveDocs });
  versions.events.on('version-created', (v) => {
    if (v.kind !== 'manual') return;
    notifications.notifier
      .versionSaved(v.docId, { id: v.id, name: v.name, ...(v.createdBy ? { actorId: v.createdBy.id } : {}) })
      .catch((error: unknown) => log.warn({ err: error, doc: v.docId }, 'version notification failed'));
  });
  router.add(...versions.routes, ...createDataApi(ctx, docs).routes);

  let closing = false;
  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.on('finish', () =>
      metrics.http.observe(
        { method: req.method ?? '', status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      ),
    );
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    try {
      if (req.method === 'GET' && path === '/health') {
        await db.get('SELECT 1 AS ok');
        return sendJson(res, closing ? 503 : 200, {
          status: closing ? 'shutting-down' : 'ok',
          documents: hp.getDocumentsCount(),
          connections: registry.size,
        });
      }
      if (req.method === 'GET' && path === '/metrics') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        return res.end(await metrics.registry.metrics());
      }
      if (req.method === 'GET' && path === '/api/openapi.json') {
        return sendJson(res, 200, router.openapi({ title: 'Facet relay', version: '1' }));
      }
      if (await router.handle(req, res, clientIp(req))) return;
      sendJson(res, 404, { error: { code: 'not_found', message: `Nothing at ${path}.` } });
    } catch (error) {
      log.error({ err: error, path }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'Something went wrong on the relay.' } });
      else res.destroy();
    }
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes });
  const upgrades = new KeyedRateLimiter(
    config.limits.connectionsPerMinutePerIp / 60,
    config.limits.connectionsPerMinutePerIp,
  );
  const observer: SocketObserver = {
    opened: () => metrics.connections.inc(),
    closed: (code) => {
      metrics.connections.dec();
      // The store hook refuses an update past the document size limit by closing the socket (4413).
      if (code === CloseCodes.docTooLarge.code) metrics.closes.inc({ code });
    },
    message: (bytes) => {
      metrics.messages.inc();
      metrics.messageBytes.inc(bytes);
    },
    refused: (code, problem) => {
      metrics.closes.inc({ code: code.code });
      log.info({ code: code.code, problem }, 'closed a connection');
    },
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) =>
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.on('error', () => undefined);
    if (closing) return refuse('503 Service Unavailable');
    if (!upgrades.take(clientIp(req))) {
      metrics.closes.inc({ code: 429 });
      return refuse('429 Too Many Requests');
    }
    const url = new URL(req.url ?? '/', 'http://relay');
    const bridged = Y_WEBSOCKET_PATH.exec(url.pathname);
    if (url.pathname !== '/' && !bridged) return refuse('404 Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const adapter = bridged
        ? yWebsocketAdapter(ws, decodeURIComponent(bridged[1]!), url.searchParams.get('token') ?? '')
        : undefined;
      attachSocket(ws, req, hp, config.limits, observer, adapter);
    });
  };
  ready.request = (req, res) => void onRequest(req, res);
  ready.upgrade = onUpgrade;
  for (const run of early.splice(0)) run();

  log.info({ url, store: db.dialect.name, redis: Boolean(config.redisUrl) }, 'relay listening');

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      server.close();
      for (const ws of wss.clients) ws.close(CloseCodes.goingAway.code, CloseCodes.goingAway.reason);
      hp.closeConnections();
      hp.flushPendingStores();
      const until = Date.now() + 10_000;
      while (hp.getDocumentsCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await docLog.drain();
      await hp.hooks('onDestroy', { instance: hp });
      await stopBridge();
      server.closeAllConnections();
      await db.close();
      log.info('relay stopped');
    })());

  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    port,
    config,
    db,
    docLog,
    hocuspocus: hp,
    liveDocs,
    notifier: notifications.notifier,
    metrics,
    log,
    close,
  };
}
