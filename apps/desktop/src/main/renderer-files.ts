/**
 * The renderer's files, served to the window over the app's own `app://facet/` scheme rather than
 * file://, so the page has a real origin ('self' in its Content-Security-Policy means these files
 * only) and no access to the rest of the disk. Only files inside the renderer folder are served.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'facet';
/** The page the window loads. */
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The page's policy: scripts and styles from the app only (WebAssembly allowed, for DuckDB-WASM),
 * no frames, no plugins. The only network is to a collaboration relay: its address is typed by the
 * person at run time, so connect-src cannot list it and allows any http(s)/ws(s) origin. Scripts
 * still come only from the app, so no remote code can run; the trade-off is that code already
 * running in the page could send data anywhere, which a fixed origin list would have blocked.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self' http: https: ws: wss:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** Whether a frame's URL is the app's own renderer (the only page that may use the host). */
export function isTrustedUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file an `app://facet/…` URL names inside `root`, or undefined when it names something else
 * (another host, a path that climbs out of the folder, a NUL byte, bad percent-encoding).
 */
export function rendererFile(root: string, url: string): string | undefined {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(base + path.sep) ? file : undefined;
}

/** Answers a request for the renderer's files: the file with its type and policy, or a 404/405. */
export async function rendererResponse(
  root: string,
  request: { url: string; method: string },
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
  const file = rendererFile(root, request.url);
  const body = file === undefined ? undefined : await fs.readFile(file).catch(() => undefined);
  if (file === undefined || body === undefined)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-cache',
    },
  });
}
