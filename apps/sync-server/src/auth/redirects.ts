const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where a sign-in may send the browser back to, with tokens in the fragment: an app on this machine
 * (http(s) on localhost / 127.0.0.1 / [::1], any port), the desktop app's `facet://` scheme, or a page
 * under the relay's own public URL. Anything else would be an open redirect that hands tokens to
 * whoever crafted the link. URLs are compared parsed (origin and path), never by string prefix, so
 * `https://relay.example.com.evil.net` or `http://localhost@evil.net` do not pass.
 *
 * @returns the parsed URL, or `null` when it is not allowed.
 */
export function allowedRedirect(raw: string, publicUrl: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'facet:') return url;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (LOOPBACK.has(url.hostname)) return url;
  let base: URL;
  try {
    base = new URL(publicUrl);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return url.pathname === base.pathname || url.pathname.startsWith(basePath) ? url : null;
}

/** `target` with `values` as its fragment (replacing any fragment it had). */
export function withFragment(target: URL, values: Record<string, string>): string {
  const url = new URL(target.href);
  url.hash = new URLSearchParams(values).toString();
  return url.href;
}
