/**
 * The wire format of Facet's RPC messages: JSON with binary attachments, so Arrow IPC results and
 * Yjs updates travel as raw bytes instead of base64.
 *
 *   ┌ u32 LE: header length N ┬ N bytes: UTF-8 JSON ┬ attachments, back to back ┐
 *
 * In the JSON, each Uint8Array is `{"$bytes":[offset,length]}` into the attachments. Object keys
 * that start with `$` get one more `$` on the wire, so user data can never pose as an attachment.
 */
import { InvalidArgumentError } from '../errors.ts';

const BYTES = '$bytes';

export function encodeMessage(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const json = JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (v instanceof Uint8Array) {
      blobs.push(v);
      const ref = { [BYTES]: [offset, v.byteLength] };
      offset += v.byteLength;
      return ref;
    }
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return escapeKeys(v as Record<string, unknown>);
    return v;
  }) as string | undefined;
  const header = new TextEncoder().encode(json ?? 'null');
  const out = new Uint8Array(4 + header.byteLength + offset);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, 4);
  let at = 4 + header.byteLength;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.byteLength;
  }
  return out;
}

/** Decodes a message; throws InvalidArgumentError on anything malformed. */
export function decodeMessage(bytes: Uint8Array): unknown {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength < 4) throw malformed('too short');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (headerLength > bytes.byteLength - 4) throw malformed('header longer than the message');
  const body = bytes.subarray(4 + headerLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + headerLength));
  } catch {
    throw malformed('header is not UTF-8');
  }
  // Attachments are laid out back to back in order; anything else (overlaps, gaps, reuse) is
  // malformed, which also stops one large body being referenced (and copied) many times.
  let expected = 0;
  try {
    const value = JSON.parse(text, (_key, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const record = v as Record<string, unknown>;
      if (BYTES in record) {
        const bytes = attachment(record[BYTES], body, expected);
        expected += bytes.byteLength;
        return bytes;
      }
      return unescapeKeys(record);
    }) as unknown;
    if (expected !== body.byteLength) throw malformed('attachments do not match the body');
    return value;
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw malformed('header is not JSON');
  }
}

function attachment(ref: unknown, body: Uint8Array, expectedOffset: number): Uint8Array {
  if (!Array.isArray(ref) || ref.length !== 2) throw malformed('bad attachment reference');
  const [offset, length] = ref as unknown[];
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length))
    throw malformed('bad attachment reference');
  const start = offset as number;
  const end = start + (length as number);
  if (start !== expectedOffset || end < start || end > body.byteLength)
    throw malformed('attachment out of range');
  // A copy, so the message's buffer can be released.
  return body.slice(start, end);
}

function escapeKeys(record: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(record).some((k) => k.startsWith('$'))) return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.startsWith('$') ? `$${k}` : k, v]));
}

function unescapeKeys(record: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(record).some((k) => k.startsWith('$'))) return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.startsWith('$$') ? k.slice(1) : k, v]));
}

function malformed(why: string): InvalidArgumentError {
  return new InvalidArgumentError(`Malformed message: ${why}.`);
}
