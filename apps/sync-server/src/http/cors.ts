import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Lets pages of any origin call the REST API: the Facet app runs at origins the relay cannot know
 * (web mode on a random localhost port, Electron's app://facet, wherever the browser app is
 * hosted). Safe for this API because it authenticates with bearer tokens only, never cookies, so a
 * page gains nothing it could not do with a token it already holds (credentials stay disallowed).
 * Answers a preflight (OPTIONS) itself and returns true; otherwise adds the headers and returns false.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): boolean {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': [...new Set(methods)].join(', '),
    'access-control-allow-headers': 'authorization, content-type, x-request-id',
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
