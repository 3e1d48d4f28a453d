import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, badRequest } from '../http/http-error.ts';
import type { Route } from '../http/router.ts';
import { HANDLED, route } from '../http/router.ts';
import type { AuthCore } from './auth-core.ts';
import { tokenPairSchema } from './auth-core.ts';
import { allowedRedirect, withFragment } from './redirects.ts';
import { userById } from './users.ts';

const startQuery = z.object({
  /** Where to send the browser with the tokens: a localhost app, `facet://…`, or a page of this relay. */
  redirect: z.string().max(2048).optional(),
});

const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(512).optional(),
  error_description: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
});

function redirectTo(res: ServerResponse, location: string, cookie?: string): typeof HANDLED {
  res.writeHead(302, { location, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end();
  return HANDLED;
}

/** Sign-in through the configured OpenID Connect providers. */
export function oidcRoutes(core: AuthCore): Route[] {
  const { ctx, oidc } = core;
  return [
    route({
      method: 'GET',
      path: '/api/auth/providers',
      summary: 'The OpenID Connect providers this relay can sign in with',
      tag: 'auth',
      auth: 'none',
      response: z.object({
        providers: z.array(z.object({ id: z.string(), issuer: z.string(), startUrl: z.string() })),
      }),
      handler: () => Promise.resolve({ providers: oidc.providers() }),
    }),
    route({
      method: 'GET',
      path: '/api/auth/oidc/:provider/start',
      summary: "Start signing in with a provider: redirects (302) to the provider's login page",
      tag: 'auth',
      auth: 'none',
      query: startQuery,
      status: 302,
      handler: async ({ params, query, res }) => {
        let redirect: string | null = null;
        if (query.redirect !== undefined) {
          const allowed = allowedRedirect(query.redirect, ctx.publicUrl);
          if (!allowed) {
            throw badRequest(
              `The redirect URL is not allowed. Use http(s)://localhost, http(s)://127.0.0.1, facet:// or a page under ${ctx.publicUrl}.`,
            );
          }
          redirect = allowed.href;
        }
        const { url, cookie } = await oidc.start(params.provider ?? '', redirect);
        return redirectTo(res, url, cookie);
      },
    }),
    route({
      method: 'GET',
      path: '/api/auth/oidc/:provider/callback',
      summary:
        'Where the provider returns: signs in and redirects to the start redirect with ' +
        '#accessToken=…&refreshToken=… (or answers the token pair as JSON when no redirect was given)',
      tag: 'auth',
      auth: 'none',
      query: callbackQuery,
      response: tokenPairSchema,
      handler: async ({ params, query, req, res }) => {
        const id = params.provider ?? '';
        if (!query.state) throw badRequest('The sign-in callback has no state; start again.');
        const pending = await oidc.pending(id, query.state, req.headers.cookie);
        if (!pending) {
          throw new HttpError(
            400,
            'oidc_state',
            'This sign-in expired or was started in another browser; start again.',
          );
        }
        // The attempt is single-use whatever happens next.
        const clear = oidc.clearCookie(id, query.state);
        const redirect = pending.redirect ? new URL(pending.redirect) : null;
        try {
          // Every parameter the provider sent (iss included) goes to the exchange, not only the parsed ones.
          const all = new URL(req.url ?? '/', 'http://relay').searchParams;
          const userId = await oidc.finish(id, all, pending);
          const user = await userById(ctx.db, userId);
          if (!user) throw new HttpError(401, 'oidc_failed', 'The account vanished during sign-in.');
          const pair = await core.issue(user);
          ctx.log.info({ userId, provider: id }, 'signed in with OIDC');
          if (!redirect) {
            res.setHeader('set-cookie', clear);
            return pair;
          }
          return redirectTo(
            res,
            withFragment(redirect, { accessToken: pair.accessToken, refreshToken: pair.refreshToken }),
            clear,
          );
        } catch (error) {
          if (redirect && error instanceof HttpError) {
            return redirectTo(
              res,
              withFragment(redirect, { error: error.code, message: error.message }),
              clear,
            );
          }
          res.setHeader('set-cookie', clear);
          throw error;
        }
      },
    }),
  ];
}
