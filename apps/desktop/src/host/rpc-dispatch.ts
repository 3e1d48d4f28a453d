/**
 * Calls a HostApi method by name with arguments that came over a wire (IPC or WebSocket), after
 * checking the name against the contract and each argument's type. Errors come back as
 * `{ code, message }` a user can read (plus where a SQL error points); an unexpected failure is logged here and reported without
 * its stack.
 */
import { FacetError, InvalidArgumentError, SqlError } from '@facet/engine/common';
import type { HostApi } from '../shared/host-api.ts';

type ArgKind = 'string' | 'number' | 'bytes' | 'object' | 'any';
type ArgSpec = ArgKind | `${ArgKind}?`;

/** Every method's arguments. The mapped type makes a method missing here a compile error. */
const SIGNATURES: { [N in keyof HostApi]: { [M in keyof HostApi[N]]: ArgSpec[] } } = {
  projects: {
    list: [],
    create: ['object'],
    open: ['string'],
    current: [],
    rename: ['string', 'string'],
    duplicate: ['string', 'string'],
    delete: ['string'],
    createSample: [],
  },
  canvases: { list: ['object?'], create: ['string'], rename: ['string', 'string'], delete: ['string'] },
  docs: {
    state: ['string', 'bytes?'],
    push: ['string', 'bytes'],
    subscribe: ['string'],
    unsubscribe: ['string'],
  },
  sources: {
    list: [],
    import: ['string', 'object?'],
    upload: ['string', 'bytes', 'object?'],
    uploadStart: ['string', 'number'],
    uploadChunk: ['string', 'number', 'bytes'],
    uploadFinish: ['string', 'object?'],
    uploadCancel: ['string'],
    check: [],
    reimport: ['string'],
    remove: ['string'],
    importSample: [],
  },
  engine: {
    query: ['object'],
    page: ['object'],
    runBlock: ['string', 'string', 'string?'],
    queryCanvas: ['string', 'string', 'string?'],
    exportBlock: ['string', 'string', 'string'],
    tables: [],
    profile: ['string'],
    validate: ['string'],
    cancel: ['string'],
  },
  versions: {
    list: ['string'],
    create: ['string', 'object'],
    diff: ['string', 'string', 'string?'],
    restore: ['string', 'string'],
  },
  branches: { list: ['string'], fork: ['string', 'string', 'string?'], merge: ['string'] },
  search: { query: ['string', 'number?'] },
  history: { list: ['object?'] },
  settings: { get: [], set: ['string', 'any'] },
  onboarding: { get: [], complete: ['string'], reset: [] },
};

export interface WireError {
  code: string;
  message: string;
  /** A SqlError's place in the SQL that ran (1-based line and column, 0-based position), when known. */
  line?: number;
  column?: number;
  position?: number;
}

/** Runs `method` ("namespace.name") on `api`. Rejects with a FacetError for bad calls. */
export async function dispatch(api: HostApi, method: unknown, args: unknown): Promise<unknown> {
  const spec = signatureOf(method);
  if (!Array.isArray(args)) throw new InvalidArgumentError('Arguments must be a list.');
  if (args.length > spec.args.length)
    throw new InvalidArgumentError(`${String(method)} takes at most ${spec.args.length} arguments.`);
  spec.args.forEach((kind, i) => checkArg(String(method), i, kind, args[i]));
  const namespace = api[spec.namespace] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const fn = namespace[spec.name];
  if (typeof fn !== 'function') throw new InvalidArgumentError(`Unknown method "${String(method)}".`);
  return fn(...(args as unknown[]));
}

/** An error as it goes over the wire: a code and a message, never a stack. */
export function toWireError(error: unknown, log: (error: unknown) => void = defaultLog): WireError {
  if (error instanceof SqlError) {
    // The editor underlines the error where DuckDB pointed, so the place crosses the wire too.
    const { line, column, position } = error;
    return {
      code: error.code,
      message: error.message,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
      ...(position !== undefined ? { position } : {}),
    };
  }
  if (error instanceof FacetError) return { code: error.code, message: error.message };
  log(error);
  return { code: 'INTERNAL', message: 'The Facet host hit an unexpected problem; details are in its log.' };
}

function signatureOf(method: unknown): { namespace: keyof HostApi; name: string; args: ArgSpec[] } {
  if (typeof method !== 'string' || !/^[a-z]+\.[a-zA-Z]+$/.test(method)) {
    throw new InvalidArgumentError(`Unknown method "${String(method).slice(0, 80)}".`);
  }
  const [namespace, name] = method.split('.') as [string, string];
  const group: unknown = Object.hasOwn(SIGNATURES, namespace)
    ? SIGNATURES[namespace as keyof HostApi]
    : undefined;
  const args = group && Object.hasOwn(group, name) ? (group as Record<string, ArgSpec[]>)[name] : undefined;
  if (!args) throw new InvalidArgumentError(`Unknown method "${method}".`);
  return { namespace: namespace as keyof HostApi, name, args };
}

function checkArg(method: string, index: number, spec: ArgSpec, value: unknown): void {
  const optional = spec.endsWith('?');
  const kind = spec.replace('?', '') as ArgKind;
  if (value === undefined || value === null) {
    if (optional || kind === 'any') return;
    throw new InvalidArgumentError(`${method}: argument ${index + 1} is missing.`);
  }
  const ok =
    kind === 'any' ||
    (kind === 'string' && typeof value === 'string' && value.length <= 10_000_000) ||
    (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (kind === 'bytes' && value instanceof Uint8Array) ||
    (kind === 'object' &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Uint8Array));
  if (!ok)
    throw new InvalidArgumentError(
      `${method}: argument ${index + 1} must be ${kind === 'bytes' ? 'bytes' : `a ${kind}`}.`,
    );
}

function defaultLog(error: unknown): void {
  console.error('[facet host]', error);
}
