/**
 * An error the host reported: its code (FacetErrorCode, or CLOSED/FORBIDDEN), a readable message
 * and, for SQL errors, where in the SQL DuckDB pointed (as SqlError has them).
 */
export class HostError extends Error {
  /** 1-based line of a SQL error in the SQL that ran, when known. */
  readonly line: number | undefined;
  /** 1-based column of a SQL error, when known. */
  readonly column: number | undefined;
  /** 0-based character offset of a SQL error, when known. */
  readonly position: number | undefined;

  constructor(
    readonly code: string,
    message: string,
    details: { line?: unknown; column?: unknown; position?: unknown } = {},
  ) {
    super(message);
    this.name = 'HostError';
    // The details came over a wire: only whole numbers are kept.
    this.line = count(details.line, 1);
    this.column = count(details.column, 1);
    this.position = count(details.position, 0);
  }
}

function count(value: unknown, min: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined;
}
