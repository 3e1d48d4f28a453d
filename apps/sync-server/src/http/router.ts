import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import { applyCors } from './cors.ts';
import { HttpError, badRequest, unauthorized } from './http-error.ts';
import type { Principal } from './principal.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler receives. `body` and `query` are already validated by the route's zod schemas. */
export interface RequestContext<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  principal: Principal | null;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  ip: string;
  log: Logger;
}

/** A handler's answer: a JSON value (status from the route), or a full response it wrote itself. */
export type RouteResult = unknown;
/** Return this when the handler wrote the response itself (redirects, binary bodies). */
export const HANDLED = Symbol('handled');

export interface Route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: Method;
  /** Path with `:name` parameters, e.g. `/api/docs/:id/members`. */
  path: string;
  summary: string;
  tag: string;
  /** 'user': a valid access token or API key is required (401 otherwise). */
  auth: 'none' | 'user';
  body?: B;
  query?: Q;
  /** Schema of the success body, for the OpenAPI document. */
  response?: z.ZodType;
  status?: number;
  /** Largest JSON body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** The handler reads the request body itself (binary uploads). */
  rawBody?: boolean;
  handler: (ctx: RequestContext<z.infer<B>, z.infer<Q>>) => Promise<RouteResult>;
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** Defines a route with its types inferred from the zod schemas. */
export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  r: Route<B, Q>,
): Route {
  return r;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'too_large', `The request body is larger than ${limit} bytes.`);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  // destroyOnReturn: false — leaving the loop early must not reset the socket before the 413 is sent.
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json'))
    throw new HttpError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, what: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw badRequest(
      `Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
      issues,
    );
  }
  return result.data;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * A small router over node:http: path parameters, zod-validated JSON bodies and queries, bearer
 * authentication, errors as `{error: {code, message}}` (never a stack trace), and the OpenAPI
 * document generated from the same schemas.
 */
export class Router {
  private readonly routes: Compiled[] = [];

  constructor(
    private readonly authenticate: (req: IncomingMessage) => Promise<Principal | null>,
    private readonly log: Logger,
  ) {}

  add(...routes: Route[]): void {
    for (const r of routes) {
      const names: string[] = [];
      const source = r.path.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.routes.push({ route: r, pattern: new RegExp(`^${source}$`), names });
    }
  }

  list(): readonly Route[] {
    return this.routes.map((c) => c.route);
  }

  /** Answers the request if a route matches its path; false when none does. */
  async handle(req: IncomingMessage, res: ServerResponse, ip: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://relay');
    const matches = this.routes.filter((c) => c.pattern.test(url.pathname));
    if (matches.length === 0) return false;
    if (
      applyCors(
        req,
        res,
        matches.map((m) => m.route.method),
      )
    )
      return true;
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const log = this.log.child({ requestId });
    const match = matches.find((c) => c.route.method === req.method);
    try {
      if (!match) {
        throw new HttpError(
          405,
          'method_not_allowed',
          `Use ${matches.map((m) => m.route.method).join(' or ')} here.`,
        );
      }
      const { route: r } = match;
      const values = match.pattern.exec(url.pathname)!.slice(1);
      const params: Record<string, string> = {};
      match.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(values[i] ?? '');
        } catch {
          throw badRequest(`The path parameter ${name} is not valid percent-encoding.`);
        }
      });
      const principal = await this.authenticate(req);
      if (r.auth === 'user' && !principal) throw unauthorized();
      const body = r.rawBody
        ? undefined
        : parse(r.body, await readJson(req, r.maxBodyBytes ?? DEFAULT_MAX_BODY), 'body');
      const query = parse(r.query, Object.fromEntries(url.searchParams), 'query');
      const result = await r.handler({ body, query, params, principal, req, res, requestId, ip, log });
      if (result !== HANDLED && !res.headersSent) sendJson(res, r.status ?? 200, result);
      log.info({ method: req.method, path: r.path, status: res.statusCode }, 'request');
    } catch (error) {
      if (res.headersSent) {
        log.error({ err: error }, 'error after the response started');
        res.destroy();
      } else if (error instanceof HttpError) {
        // The rest of a refused body is never read: close the connection after answering.
        if (error.status === 413) res.setHeader('connection', 'close');
        sendJson(res, error.status, {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          },
        });
        log.info(
          { method: req.method, path: url.pathname, status: error.status, code: error.code },
          'request refused',
        );
      } else {
        log.error({ err: error, method: req.method, path: url.pathname }, 'request failed');
        sendJson(res, 500, {
          error: { code: 'internal', message: 'Something went wrong on the relay.', requestId },
        });
      }
    }
    return true;
  }

  /** The OpenAPI 3.1 document for every route. */
  openapi(info: { title: string; version: string }): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    const schema = (s: z.ZodType) =>
      z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
    for (const { route: r, names } of this.routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const operation: Record<string, unknown> = {
        summary: r.summary,
        tags: [r.tag],
        operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string) => (c ? c.toUpperCase() : ''))}`,
        parameters: [
          ...names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
          ...(r.query ? queryParameters(schema(r.query)) : []),
        ],
        responses: {
          [String(r.status ?? 200)]: {
            description: 'Success',
            ...(r.response ? { content: { 'application/json': { schema: schema(r.response) } } } : {}),
          },
          ...(r.body ? { '400': { description: 'Invalid input', content: errorContent } } : {}),
          ...(r.auth === 'user'
            ? { '401': { description: 'Missing or invalid credentials', content: errorContent } }
            : {}),
        },
        ...(r.auth === 'user' ? { security: [{ bearer: [] }] } : {}),
        ...(r.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body) } } } }
          : {}),
      };
      (paths[path] ??= {})[r.method.toLowerCase()] = operation;
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token or an API key' },
        },
        schemas: { Error: errorSchema },
      },
    };
  }
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};
const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function queryParameters(json: Record<string, unknown>): unknown[] {
  const properties = (json.properties ?? {}) as Record<string, unknown>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
}
