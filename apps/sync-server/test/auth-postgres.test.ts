import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { RunningService } from './services.ts';
import { startPostgres } from './services.ts';
import type { AuthTestRelay } from './auth-harness.ts';
import { GOOD_PASSWORD, startAuthRelay } from './auth-harness.ts';

/** The register → login → refresh → logout flow on Postgres, with two relays sharing the store. */
let postgres: RunningService;
let a: AuthTestRelay;
let b: AuthTestRelay;

beforeAll(async () => {
  postgres = await startPostgres();
  a = await startAuthRelay({ postgresUrl: postgres.url });
  // A second relay behind the same public URL: it migrates the same (already migrated) store and must
  // read the same secret.
  b = await startAuthRelay({ postgresUrl: postgres.url, config: { publicUrl: a.url } });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await postgres?.stop();
});

describe('auth on Postgres', () => {
  it('registers, logs in, rotates, detects reuse and logs out across two relays', async () => {
    const reg = await a.call('POST', '/api/auth/register', {
      json: { email: 'PG@Example.com', password: GOOD_PASSWORD, name: 'Pg' },
    });
    expect(reg.status).toBe(201);
    const dup = await b.call('POST', '/api/auth/register', {
      json: { email: 'pg@example.com', password: GOOD_PASSWORD, name: 'Pg' },
    });
    expect(dup.status).toBe(409);

    // Tokens from relay A work on relay B: one secret, generated once, in relay_settings.
    const secrets = await a.db.all("SELECT value FROM relay_settings WHERE key = 'jwt_secret'");
    expect(secrets).toHaveLength(1);
    const meOnB = await b.call('GET', '/api/me', { token: reg.json.accessToken as string });
    expect(meOnB.status).toBe(200);
    expect(meOnB.json.user).toMatchObject({ email: 'pg@example.com', totpEnabled: false });

    const login = await b.call('POST', '/api/auth/login', {
      json: { email: 'pg@example.com', password: GOOD_PASSWORD },
    });
    expect(login.status).toBe(200);
    const wrong = await b.call('POST', '/api/auth/login', {
      json: { email: 'pg@example.com', password: 'wrong-Password-1' },
    });
    expect(wrong.status).toBe(401);

    const first = login.json.refreshToken as string;
    const rotated = await a.call('POST', '/api/auth/refresh', { json: { refreshToken: first } });
    expect(rotated.status).toBe(200);
    const concurrent = await Promise.all(
      [a, b].map((r) =>
        r.call('POST', '/api/auth/refresh', { json: { refreshToken: rotated.json.refreshToken } }),
      ),
    );
    expect(concurrent.map((c) => c.status).sort()).toEqual([200, 401]);
    // The loser presented a token the winner had just used: the session is revoked everywhere.
    const sid = decodeJwt(login.json.accessToken as string).sid;
    expect([...a.revoked, ...b.revoked]).toEqual([
      { userId: (reg.json.user as { id: string }).id, sessionId: sid },
    ]);
    const winner = concurrent.find((c) => c.status === 200)!;
    expect(
      (await a.call('POST', '/api/auth/refresh', { json: { refreshToken: winner.json.refreshToken } }))
        .status,
    ).toBe(401);

    // Logout on A: A refuses the access token at once; B, which cached the session as live, within seconds.
    const token = reg.json.accessToken as string;
    expect((await b.call('GET', '/api/me', { token })).status).toBe(200);
    expect(
      (await a.call('POST', '/api/auth/logout', { json: { refreshToken: reg.json.refreshToken } })).status,
    ).toBe(204);
    expect((await a.call('GET', '/api/me', { token })).status).toBe(401);
    b.clock.offsetMs = 6_000;
    expect((await b.call('GET', '/api/me', { token })).status).toBe(401);
  });
});
