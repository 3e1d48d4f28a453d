/**
 * The engines under test. Each is imported only when it runs, so a missing native binary or an
 * engine that does not build yet fails that engine alone and the others still report.
 */
import type { Peer } from './peer.ts';

/** Every engine, in run order: the baseline first. */
export const ENGINE_NAMES = [
  'duckdb-direct',
  'ours-native',
  'wasm-direct',
  'ours-wasm',
  'polars',
  'arquero',
] as const;

export type EngineName = (typeof ENGINE_NAMES)[number];

/** The engine every ratio is relative to. */
export const BASELINE: EngineName = 'duckdb-direct';

/** Above this many rows Arquero needs minutes per question and more heap than Node's default. */
const ARQUERO_MAX_ROWS = 2_000_000;

/** Loads an engine's module; the function it resolves to starts the engine. */
const LOADERS: Record<EngineName, () => Promise<() => Promise<Peer>>> = {
  'duckdb-direct': async () => (await import('./peers/duckdb-direct.ts')).createDuckDbDirectPeer,
  'ours-native': async () => {
    const { createFacetPeer } = await import('./peers/facet.ts');
    return () => createFacetPeer('native');
  },
  'wasm-direct': async () => (await import('./peers/wasm-direct.ts')).createWasmDirectPeer,
  'ours-wasm': async () => {
    const { createFacetPeer } = await import('./peers/facet.ts');
    return () => createFacetPeer('wasm');
  },
  polars: async () => (await import('./peers/polars.ts')).createPolarsPeer,
  arquero: async () => (await import('./peers/arquero.ts')).createArqueroPeer,
};

/**
 * Imports an engine's code and returns its starter. Kept apart from starting so that the start time
 * does not include loading (and, under tsx, transpiling) the module.
 */
export function loadPeer(name: EngineName): Promise<() => Promise<Peer>> {
  return LOADERS[name]();
}

/** Why an engine should not run at this size, or undefined to run it. An explicit choice wins. */
export function skipReason(name: EngineName, rows: number, explicit: boolean): string | undefined {
  if (name === 'arquero' && rows > ARQUERO_MAX_ROWS && !explicit) {
    return `more than ${ARQUERO_MAX_ROWS.toExponential()} rows; name it in --engines to run it anyway`;
  }
  return undefined;
}
