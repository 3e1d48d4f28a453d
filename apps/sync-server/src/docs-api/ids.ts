import { createHash, randomBytes } from 'node:crypto';
import { notFound } from '../http/http-error.ts';

/** A random URL-safe id: 144 bits, 24 characters, unguessable so an id alone reveals nothing. */
export function newId(): string {
  return randomBytes(18).toString('base64url');
}

/** A random secret for an invite link: 256 bits. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Checks a path parameter before it reaches SQL. Parameters are bound, so this is not about injection:
 * Postgres refuses NUL bytes and invalid text with an error, and an id that could never exist should get
 * the same 404 as one that does not.
 */
export function pathId(value: string | undefined, what = 'Not found.'): string {
  if (value === undefined || !/^[\x21-\x7e]{1,128}$/.test(value)) throw notFound(what);
  return value;
}
