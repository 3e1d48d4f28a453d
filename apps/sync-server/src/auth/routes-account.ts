import { z } from 'zod';
import { forbidden, notFound } from '../http/http-error.ts';
import { SCOPES } from '../http/principal.ts';
import type { Route } from '../http/router.ts';
import { route } from '../http/router.ts';
import { apiKeySchema } from './api-keys.ts';
import type { AuthCore } from './auth-core.ts';
import { requireAccountScope } from './auth-core.ts';

const createKeyBody = z.object({
  name: z.string().trim().min(1, 'Name the key.').max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, 'Give the key at least one scope.').max(SCOPES.length),
});

const codeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code.'),
});

/** API keys and two-factor authentication of the signed-in user. */
export function accountRoutes(core: AuthCore): Route[] {
  return [
    route({
      method: 'POST',
      path: '/api/keys',
      summary: 'Create an API key (the key is shown only in this answer)',
      tag: 'account',
      auth: 'user',
      body: createKeyBody,
      response: apiKeySchema.extend({ key: z.string() }),
      status: 201,
      handler: async ({ body, principal }) => {
        const caller = requireAccountScope(principal);
        // A key with 'account' may create keys, but none with more rights than itself.
        if (caller.scopes && body.scopes.some((s) => !caller.scopes!.includes(s))) {
          throw forbidden('An API key cannot create a key with scopes it does not have.');
        }
        return core.keys.create(caller.userId, body.name, body.scopes);
      },
    }),
    route({
      method: 'GET',
      path: '/api/keys',
      summary: "The caller's API keys (without secrets)",
      tag: 'account',
      auth: 'user',
      response: z.object({ keys: z.array(apiKeySchema) }),
      handler: async ({ principal }) => ({
        keys: await core.keys.list(requireAccountScope(principal).userId),
      }),
    }),
    route({
      method: 'DELETE',
      path: '/api/keys/:id',
      summary: 'Revoke an API key; it stops working at once',
      tag: 'account',
      auth: 'user',
      status: 204,
      handler: async ({ principal, params }) => {
        const caller = requireAccountScope(principal);
        if (!(await core.keys.revoke(caller.userId, params.id ?? ''))) throw notFound('No such API key.');
        return undefined;
      },
    }),
    route({
      method: 'POST',
      path: '/api/auth/totp/enroll',
      summary: 'Start two-factor enrolment: a new TOTP secret for an authenticator app',
      tag: 'auth',
      auth: 'user',
      response: z.object({ secret: z.string(), otpauthUrl: z.string() }),
      handler: async ({ principal }) => core.totp.enroll(requireAccountScope(principal).userId),
    }),
    route({
      method: 'POST',
      path: '/api/auth/totp/verify',
      summary: 'Finish enrolment with a code from the app; two-factor is on from then',
      tag: 'auth',
      auth: 'user',
      body: codeBody,
      response: z.object({ totpEnabled: z.literal(true) }),
      handler: async ({ principal, body, res, ip }) => {
        const { userId } = requireAccountScope(principal);
        core.limitLogin(res, ip, `totp:${userId}`);
        await core.totp.enable(userId, body.code);
        return { totpEnabled: true as const };
      },
    }),
    route({
      method: 'POST',
      path: '/api/auth/totp/disable',
      summary: 'Turn two-factor authentication off (needs a current code)',
      tag: 'auth',
      auth: 'user',
      body: codeBody,
      response: z.object({ totpEnabled: z.literal(false) }),
      handler: async ({ principal, body, res, ip }) => {
        const { userId } = requireAccountScope(principal);
        core.limitLogin(res, ip, `totp:${userId}`);
        await core.totp.disable(userId, body.code);
        return { totpEnabled: false as const };
      },
    }),
  ];
}
