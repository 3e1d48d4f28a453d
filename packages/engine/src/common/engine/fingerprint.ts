/** Cheap content fingerprints for cache keys (not for security). */

/** FNV-1a (32-bit) over a byte range. */
function fnv1a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Fingerprints bytes by length plus a hash of up to 64 sampled 4 KiB windows spread over the data
 * (all of it for files under 256 KiB). Any change in length or in a sampled window changes it.
 */
export function fingerprintBytes(bytes: Uint8Array): string {
  const window = 4096;
  let hash = 0x811c9dc5;
  if (bytes.length <= 64 * window) {
    hash = fnv1a(bytes, hash);
  } else {
    const step = Math.floor((bytes.length - window) / 63);
    for (let i = 0; i < 64; i++) hash = fnv1a(bytes.subarray(i * step, i * step + window), hash);
  }
  return `${bytes.length.toString(36)}-${hash.toString(36)}`;
}

/** Combines strings into one short fingerprint. */
export function fingerprintStrings(parts: readonly string[]): string {
  return fnv1a(new TextEncoder().encode(parts.join('\u0000'))).toString(36);
}
