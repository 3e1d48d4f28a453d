/**
 * @facet/sync-server: the relay. Hocuspocus with a durable update log, accounts and roles, REST API,
 * health and metrics. Start it with `npm run relay`; embed it with {@link startRelay}.
 */
export { startRelay, type Relay } from './relay.ts';
export { relayConfig, DEFAULT_LIMITS, type RelayConfig, type RelayLimits } from './config.ts';
export { CloseCodes } from './ws/close-codes.ts';
