import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import pino from 'pino';
import { Router } from '../src/http/router.ts';
import type { AuthTestRelay } from './auth-harness.ts';
import { GOOD_PASSWORD, register, startAuthRelay } from './auth-harness.ts';

let relay: AuthTestRelay;
beforeEach(async () => {
  relay = await startAuthRelay({ config: { accessTokenSeconds: 60 } });
});
afterEach(async () => {
  await relay.close();
});

describe('register and login', () => {
  it('registers with a normalized email, stores an argon2id hash and signs in', async () => {
    const answer = await relay.call('POST', '/api/auth/register', {
      json: { email: '  Ada@Example.COM ', password: GOOD_PASSWORD, name: ' Ada ' },
    });
    expect(answer.status).toBe(201);
    const user = answer.json.user as Record<string, unknown>;
    expect(user).toEqual({
      id: expect.any(String) as unknown,
      email: 'ada@example.com',
      name: 'Ada',
      totpEnabled: false,
    });
    const row = await relay.db.get<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = ?',
      [user.id as string],
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.password_hash).not.toContain(GOOD_PASSWORD);

    const claims = decodeJwt(answer.json.accessToken as string);
    expect(decodeProtectedHeader(answer.json.accessToken as string)).toMatchObject({
      alg: 'HS256',
      typ: 'at+jwt',
    });
    expect(claims).toMatchObject({ sub: user.id, iss: relay.url, sid: expect.any(String) as unknown });
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(answer.json.refreshToken).toMatch(/^[\w-]{43}$/);

    const me = await relay.call('GET', '/api/me', { token: answer.json.accessToken as string });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user, via: 'token', scopes: null });

    const login = await relay.call('POST', '/api/auth/login', {
      json: { email: 'ADA@example.com', password: GOOD_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect((login.json.user as { id: string }).id).toBe(user.id);
    // A new sign-in is a new session.
    expect(decodeJwt(login.json.accessToken as string).sid).not.toBe(claims.sid);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    await register(relay, 'bob@example.com');
    const again = await relay.call('POST', '/api/auth/register', {
      json: { email: 'BOB@example.com ', password: 'another-Pass-42', name: 'Bob 2' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toMatch(/already exists/);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    await register(relay, 'carol@example.com');
    const wrong = await relay.call('POST', '/api/auth/login', {
      json: { email: 'carol@example.com', password: 'not-the-Password-1' },
    });
    const unknown = await relay.call('POST', '/api/auth/login', {
      json: { email: 'nobody@example.com', password: 'not-the-Password-1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
  });

  it('keeps the signing secret in relay_settings, shared by a second relay on the same store', async () => {
    const row = await relay.db.get<{ value: string }>(
      "SELECT value FROM relay_settings WHERE key = 'jwt_secret'",
    );
    expect(row?.value.length).toBeGreaterThanOrEqual(64);
    const { accessToken } = await register(relay, 'dora@example.com');
    const other = await relay.sibling();
    expect(await other.authenticate(accessToken)).toMatchObject({ via: 'token', scopes: null });
    expect(await other.authenticate(accessToken.slice(0, -2) + 'xx')).toBeNull();
  });
});

describe('access tokens', () => {
  it('stop working once expired', async () => {
    const { accessToken } = await register(relay, 'erin@example.com');
    expect((await relay.call('GET', '/api/me', { token: accessToken })).status).toBe(200);
    relay.clock.offsetMs = 61_000;
    const late = await relay.call('GET', '/api/me', { token: accessToken });
    expect(late.status).toBe(401);
    expect(await relay.auth.authenticate(accessToken)).toBeNull();
  });

  it('are refused when missing, malformed or signed with another key', async () => {
    expect((await relay.call('GET', '/api/me')).status).toBe(401);
    expect((await relay.call('GET', '/api/me', { token: 'not-a-jwt' })).status).toBe(401);
    const other = await startAuthRelay({ config: { jwtSecret: 'x'.repeat(40) } });
    try {
      const { accessToken } = await register(other, 'fay@example.com');
      expect((await relay.call('GET', '/api/me', { token: accessToken })).status).toBe(401);
    } finally {
      await other.close();
    }
    const bad = await relay.call('GET', '/api/me', { headers: { authorization: 'Basic abc' } });
    expect(bad.status).toBe(401);
    expect(bad.json.error?.code).toBe('unauthorized');
  });
});

describe('refresh rotation', () => {
  it('rotates refresh tokens and revokes the session when a used one comes back', async () => {
    const first = await register(relay, 'gus@example.com');
    const second = await relay.call('POST', '/api/auth/refresh', {
      json: { refreshToken: first.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.json.refreshToken).not.toBe(first.refreshToken);
    expect(decodeJwt(second.json.accessToken as string).sid).toBe(decodeJwt(first.accessToken).sid);
    const third = await relay.call('POST', '/api/auth/refresh', {
      json: { refreshToken: second.json.refreshToken },
    });
    expect(third.status).toBe(200);
    expect(relay.revoked).toEqual([]);

    // An attacker replays the first (used) token: the whole session is revoked.
    const replay = await relay.call('POST', '/api/auth/refresh', {
      json: { refreshToken: first.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.json.error?.code).toBe('refresh_reused');
    const sid = decodeJwt(first.accessToken).sid;
    expect(relay.revoked).toEqual([{ userId: first.user.id, sessionId: sid }]);

    // The newest refresh token and every access token of the session are dead too.
    const latest = await relay.call('POST', '/api/auth/refresh', {
      json: { refreshToken: third.json.refreshToken },
    });
    expect(latest.status).toBe(401);
    expect((await relay.call('GET', '/api/me', { token: third.json.accessToken as string })).status).toBe(
      401,
    );
    expect((await relay.call('GET', '/api/me', { token: first.accessToken })).status).toBe(401);
  });

  it('refuses unknown and expired refresh tokens', async () => {
    const unknown = await relay.call('POST', '/api/auth/refresh', { json: { refreshToken: 'x'.repeat(43) } });
    expect(unknown.status).toBe(401);
    const { refreshToken } = await register(relay, 'hal@example.com');
    relay.clock.offsetMs = 31 * 86_400_000;
    const expired = await relay.call('POST', '/api/auth/refresh', { json: { refreshToken } });
    expect(expired.status).toBe(401);
    expect(expired.json.error?.code).toBe('refresh_expired');
  });

  it('lets only one of two concurrent refreshes of the same token win', async () => {
    const { refreshToken } = await register(relay, 'ida@example.com');
    const answers = await Promise.all(
      [1, 2].map(() => relay.call('POST', '/api/auth/refresh', { json: { refreshToken } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });
});

describe('logout', () => {
  it('revokes the session at once: refresh and access tokens stop working', async () => {
    const pair = await register(relay, 'jo@example.com');
    const elsewhere = await relay.call('POST', '/api/auth/login', {
      json: { email: 'jo@example.com', password: GOOD_PASSWORD },
    });
    expect((await relay.call('GET', '/api/me', { token: pair.accessToken })).status).toBe(200);
    const out = await relay.call('POST', '/api/auth/logout', { json: { refreshToken: pair.refreshToken } });
    expect(out.status).toBe(204);
    expect(relay.revoked).toEqual([{ userId: pair.user.id, sessionId: decodeJwt(pair.accessToken).sid }]);
    expect((await relay.call('GET', '/api/me', { token: pair.accessToken })).status).toBe(401);
    expect(
      (await relay.call('POST', '/api/auth/refresh', { json: { refreshToken: pair.refreshToken } })).status,
    ).toBe(401);
    // The other session is untouched.
    expect((await relay.call('GET', '/api/me', { token: elsewhere.json.accessToken as string })).status).toBe(
      200,
    );
    // Logging out again, or with an unknown token, is harmless.
    expect(
      (await relay.call('POST', '/api/auth/logout', { json: { refreshToken: pair.refreshToken } })).status,
    ).toBe(204);
    expect(relay.revoked).toHaveLength(1);
  });

  it('signs out the session of the access token when no refresh token is sent', async () => {
    const pair = await register(relay, 'kim@example.com');
    expect((await relay.call('POST', '/api/auth/logout', { token: pair.accessToken })).status).toBe(204);
    expect((await relay.call('GET', '/api/me', { token: pair.accessToken })).status).toBe(401);
    expect((await relay.call('POST', '/api/auth/logout')).status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every auth route with its tag, input and response schemas', () => {
    const router = new Router(() => Promise.resolve(null), pino({ level: 'silent' }));
    router.add(...relay.auth.routes);
    const doc = router.openapi({ title: 'relay', version: '1' }) as {
      paths: Record<
        string,
        Record<string, { tags: string[]; responses: Record<string, unknown>; requestBody?: unknown }>
      >;
    };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/oidc/{provider}/callback',
      '/api/auth/oidc/{provider}/start',
      '/api/auth/providers',
      '/api/auth/refresh',
      '/api/auth/register',
      '/api/auth/totp/disable',
      '/api/auth/totp/enroll',
      '/api/auth/totp/verify',
      '/api/keys',
      '/api/keys/{id}',
      '/api/me',
    ]);
    const register = doc.paths['/api/auth/register']!.post!;
    expect(register.tags).toEqual(['auth']);
    expect(JSON.stringify(register.requestBody)).toContain('"password"');
    expect(JSON.stringify(register.responses['201'])).toContain('"refreshToken"');
    expect(doc.paths['/api/keys']!.get!.tags).toEqual(['account']);
    expect(JSON.stringify(doc.paths['/api/me']!.get!.responses['200'])).toContain('"totpEnabled"');
  });
});
