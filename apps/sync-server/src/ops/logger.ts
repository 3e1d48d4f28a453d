import pino, { type Logger } from 'pino';

/** JSON logs (pino) on stdout; `silent` in tests. Request ids are added per request by the router. */
export function createLogger(level: string, name = 'facet-relay'): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
