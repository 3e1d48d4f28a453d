import { z } from 'zod';
import { HttpError, badRequest } from '../http/http-error.ts';
import { SCOPES } from '../http/principal.ts';
import type { Route } from '../http/router.ts';
import { route } from '../http/router.ts';
import type { AuthCore } from './auth-core.ts';
import { tokenPairSchema } from './auth-core.ts';
import { emailSchema, hashPassword, passwordProblem, passwordSchema, verifyPassword } from './passwords.ts';
import { createUser, publicUser, publicUserSchema, userByEmail, userById } from './users.ts';

const registerBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, 'Enter a name.').max(100),
});

const loginBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  /** The current two-factor code, for accounts with TOTP on. */
  totp: z.string().max(16).optional(),
});

const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) });
const logoutBody = z.object({ refreshToken: z.string().min(1).max(200).optional() }).optional();

const meResponse = z.object({
  user: publicUserSchema,
  via: z.enum(['token', 'api-key']),
  /** API-key scopes; null for a signed-in session (full rights). */
  scopes: z.array(z.enum(SCOPES)).nullable(),
});

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Wrong email or password.');

/** Register, log in, refresh, log out, and who am I. */
export function sessionRoutes(core: AuthCore): Route[] {
  const { ctx } = core;
  return [
    route({
      method: 'POST',
      path: '/api/auth/register',
      summary: 'Create an account with email and password; signs it in',
      tag: 'auth',
      auth: 'none',
      body: registerBody,
      response: tokenPairSchema,
      status: 201,
      handler: async ({ body, res, ip }) => {
        const problem = passwordProblem(body.password, body.email);
        if (problem) throw badRequest(problem);
        core.limitRegistration(res, ip);
        const passwordHash = await hashPassword(body.password);
        const user = await createUser(
          ctx.db,
          { email: body.email, name: body.name, passwordHash },
          ctx.now(),
        );
        ctx.log.info({ userId: user.id }, 'account registered');
        return core.issue(user);
      },
    }),
    route({
      method: 'POST',
      path: '/api/auth/login',
      summary: 'Sign in with email and password (and the TOTP code when two-factor is on)',
      tag: 'auth',
      auth: 'none',
      body: loginBody,
      response: tokenPairSchema,
      handler: async ({ body, res, ip }) => {
        core.limitLogin(res, ip, body.email);
        const user = await userByEmail(ctx.db, body.email);
        // Verify even when there is no such user, so both answers take the same time.
        const ok = await verifyPassword(user?.password_hash, body.password);
        if (!user || !ok) throw invalidCredentials();
        await core.totp.checkLogin(user, body.totp);
        return core.issue(user);
      },
    }),
    route({
      method: 'POST',
      path: '/api/auth/refresh',
      summary: 'Exchange a refresh token for a new token pair (the old refresh token stops working)',
      tag: 'auth',
      auth: 'none',
      body: refreshBody,
      response: tokenPairSchema,
      handler: async ({ body }) => {
        const next = await core.sessions.rotate(body.refreshToken);
        const user = await userById(ctx.db, next.userId);
        if (!user) throw new HttpError(401, 'refresh_invalid', 'This account no longer exists.');
        const access = await core.tokens.sign(user.id, next.sessionId);
        return {
          accessToken: access.token,
          refreshToken: next.refreshToken,
          expiresAt: access.expiresAt,
          user: publicUser(user),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/api/auth/logout',
      summary: "Sign out: revokes the session of the refresh token (or of the caller's access token)",
      tag: 'auth',
      auth: 'none',
      body: logoutBody,
      status: 204,
      handler: async ({ body, principal }) => {
        if (body?.refreshToken) {
          await core.sessions.revokeByToken(body.refreshToken);
        } else if (principal?.sessionId) {
          await core.sessions.revoke(principal.sessionId, principal.userId);
        } else {
          throw badRequest('Send the refresh token of the session to sign out ({"refreshToken": "…"}).');
        }
        // Unknown tokens answer the same: signing out is idempotent and reveals nothing.
        return undefined;
      },
    }),
    route({
      method: 'GET',
      path: '/api/me',
      summary: 'The signed-in user, and how the request was authenticated',
      tag: 'account',
      auth: 'user',
      response: meResponse,
      handler: async ({ principal }) => {
        const user = await core.user(principal);
        return { user: publicUser(user), via: principal!.via, scopes: principal!.scopes };
      },
    }),
  ];
}
