import type { IncomingHttpHeaders } from 'node:http';
import { nameSchema } from '../docs-api/schemas.ts';
import { badRequest } from '../http/http-error.ts';

/** Exactly 64 lowercase hex characters: the only form a blob's id takes. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function parseSha256(value: string | undefined): string {
  if (value === undefined || !SHA256_HEX.test(value))
    throw badRequest('A data set is named by its SHA-256: exactly 64 lowercase hexadecimal characters.');
  return value;
}

// type "/" subtype, then optional parameters: RFC 9110 tokens only, so nothing odd is echoed back.
const MEDIA_TYPE =
  /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[\w!#$&^.+-]{1,127}(\s*;\s*[\w!#$&^.+-]+=("[^"\\\r\n]*"|[\w!#$&^.+-]+))*$/;

/**
 * The metadata of an upload. The name is in `x-facet-name`, percent-encoded UTF-8 (HTTP header values
 * are bytes, so `encodeURIComponent(name)` is how a client sends any Unicode name); the media type is
 * the request's Content-Type (application/octet-stream when absent).
 */
export function uploadMetadata(headers: IncomingHttpHeaders): { name: string; mediaType: string } {
  const raw = headers['x-facet-name'];
  if (typeof raw !== 'string' || raw === '')
    throw badRequest('Name the data set in the x-facet-name header (percent-encoded UTF-8).');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw badRequest('The x-facet-name header is not valid percent-encoded UTF-8.');
  }
  const name = nameSchema.safeParse(decoded);
  if (!name.success)
    throw badRequest(`Invalid x-facet-name: ${name.error.issues.map((i) => i.message).join('; ')}`);
  const type = headers['content-type'] ?? 'application/octet-stream';
  if (type.length > 255 || !MEDIA_TYPE.test(type))
    throw badRequest('The Content-Type header is not a valid media type (type/subtype).');
  return { name: name.data, mediaType: type };
}

/** The declared body length, or null when the body is chunked. */
export function declaredLength(headers: IncomingHttpHeaders): number | null {
  const raw = headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n))
    throw badRequest('The Content-Length header is not a number.');
  return n;
}
