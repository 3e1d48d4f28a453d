import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DocLog } from '../docs/doc-log.ts';
import { int, type Db } from '../db/db.ts';

/** The relay's Prometheus metrics (`GET /metrics`). One registry per relay, so tests can run several. */
export function createMetrics(db: Db) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'facet_relay_process_' });
  const connections = new Gauge({
    name: 'facet_relay_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
  });
  const documents = new Gauge({
    name: 'facet_relay_documents',
    help: 'Documents loaded in memory',
    registers: [registry],
  });
  const messages = new Counter({
    name: 'facet_relay_messages_total',
    help: 'WebSocket frames received',
    registers: [registry],
  });
  const messageBytes = new Counter({
    name: 'facet_relay_message_bytes_total',
    help: 'WebSocket bytes received',
    registers: [registry],
  });
  const closes = new Counter({
    name: 'facet_relay_refused_total',
    help: 'Connections the relay closed for breaking a rule, by close code',
    labelNames: ['code'],
    registers: [registry],
  });
  const storeSeconds = new Histogram({
    name: 'facet_relay_store_commit_seconds',
    help: 'Time to commit a group of updates to the log',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const storedUpdates = new Counter({
    name: 'facet_relay_logged_updates_total',
    help: 'Updates appended to the log',
    registers: [registry],
  });
  const http = new Histogram({
    name: 'facet_relay_http_seconds',
    help: 'REST request duration',
    labelNames: ['method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'facet_relay_log_rows',
    help: 'Updates in the log not yet compacted into snapshots',
    registers: [registry],
    async collect() {
      const row = await db.get('SELECT COUNT(*) AS n FROM doc_updates');
      this.set(int(row?.n));
    },
  });
  new Gauge({
    name: 'facet_relay_log_bytes',
    help: 'Bytes of updates in the log not yet compacted',
    registers: [registry],
    async collect() {
      const row = await db.get('SELECT COALESCE(SUM(LENGTH(data)), 0) AS b FROM doc_updates');
      this.set(int(row?.b));
    },
  });
  return {
    registry,
    connections,
    documents,
    messages,
    messageBytes,
    closes,
    http,
    /** Passed to {@link DocLog} to time commits. */
    observeCommit: ((seconds: number, updates: number) => {
      storeSeconds.observe(seconds);
      storedUpdates.inc(updates);
    }) satisfies ConstructorParameters<typeof DocLog>[1],
  };
}

export type RelayMetrics = ReturnType<typeof createMetrics>;
