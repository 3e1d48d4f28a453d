/**
 * A failed relay call as a value the UI can show: the HTTP status, the relay's error code
 * (`invalid_credentials`, `totp_required`, `bad_request`, …) and its message, written for people.
 * Network failures have status 0 and code `network`.
 */
export class RelayError extends Error {
  override readonly name = 'RelayError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The session is gone (revoked, expired or reused): the person must sign in again. */
  get signInAgain(): boolean {
    return this.status === 401 && this.code !== 'totp_required' && this.code !== 'totp_invalid';
  }
}

/** Builds the error for a non-2xx answer from its body (`{error: {code, message}}`), whatever it holds. */
export function relayErrorFrom(status: number, text: string): RelayError {
  let code = `http_${status}`;
  let message = `The relay answered ${status}.`;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null;
    if (typeof body?.error?.code === 'string') code = body.error.code;
    if (typeof body?.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page, say): keep the generic message.
  }
  return new RelayError(status, code, message);
}
