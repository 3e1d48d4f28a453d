/** An error the host reported: its code (FacetErrorCode, or CLOSED/FORBIDDEN) and a readable message. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}
