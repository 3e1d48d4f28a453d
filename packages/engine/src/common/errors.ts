/**
 * Errors the engine raises. Each has a stable `code` and a message written for the person using
 * Facet (no stack traces, no internal jargon). Callers branch on `code` or `instanceof`.
 */

/** Every error code Facet's engine can raise. */
export type FacetErrorCode =
  | 'SOURCE_FORMAT'
  | 'SOURCE_NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'SQL'
  | 'CANCELLED'
  | 'TIMEOUT'
  | 'ENGINE_CLOSED'
  | 'INVALID_ARGUMENT'
  | 'INTERNAL';

/** Base class: a message a user can read, and a code a program can branch on. */
export class FacetError extends Error {
  readonly code: FacetErrorCode;

  constructor(code: FacetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A file could not be read as the format it claims (or was detected) to be. */
export class SourceFormatError extends FacetError {
  /** The file (or source) name the problem is in. */
  readonly source: string;
  /** 1-based line of the problem, when the reader could tell. */
  readonly line: number | undefined;

  constructor(source: string, message: string, options?: { line?: number; cause?: unknown }) {
    super('SOURCE_FORMAT', message, options);
    this.source = source;
    this.line = options?.line;
  }
}

/** The named file does not exist or cannot be opened. */
export class SourceNotFoundError extends FacetError {
  constructor(readonly path: string) {
    super('SOURCE_NOT_FOUND', `File not found: ${path}`);
  }
}

/** The file's format is not one Facet reads. */
export class UnsupportedFormatError extends FacetError {
  constructor(source: string) {
    super(
      'UNSUPPORTED_FORMAT',
      `Cannot tell what kind of file "${source}" is. Facet reads CSV, TSV, Parquet, JSON, NDJSON, Excel (.xlsx), Arrow (.arrow) and SQLite files.`,
    );
  }
}

/** DuckDB refused a statement: a parse, bind (unknown table/column) or runtime error. */
export class SqlError extends FacetError {
  /** DuckDB's error class, e.g. "Parser", "Catalog", "Binder", "Conversion". */
  readonly kind: string;
  /** 1-based line of the error in the submitted SQL, when known. */
  readonly line: number | undefined;
  /** 1-based column of the error in the submitted SQL, when known. */
  readonly column: number | undefined;
  /** 0-based character offset in the submitted SQL, when known. */
  readonly position: number | undefined;

  constructor(
    message: string,
    details: { kind: string; line?: number; column?: number; position?: number; cause?: unknown },
  ) {
    super('SQL', message, { cause: details.cause });
    this.kind = details.kind;
    this.line = details.line;
    this.column = details.column;
    this.position = details.position;
  }
}

/** The query was cancelled by the caller; the engine remains usable. */
export class CancelledError extends FacetError {
  constructor(message = 'The query was cancelled.') {
    super('CANCELLED', message);
  }
}

/** The query ran longer than its timeout and was stopped; the engine remains usable. */
export class TimeoutError extends FacetError {
  constructor(readonly timeoutMs: number) {
    super('TIMEOUT', `The query took longer than ${formatMs(timeoutMs)} and was stopped.`);
  }
}

/** The engine was closed and cannot run anything else. */
export class EngineClosedError extends FacetError {
  constructor() {
    super('ENGINE_CLOSED', 'The query engine has been closed.');
  }
}

/** The caller passed something the engine cannot use (bad parameter, empty SQL, …). */
export class InvalidArgumentError extends FacetError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** Wraps anything thrown into a FacetError (keeps FacetErrors as they are). */
export function toFacetError(error: unknown): FacetError {
  if (error instanceof FacetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FacetError('INTERNAL', message, { cause: error });
}
