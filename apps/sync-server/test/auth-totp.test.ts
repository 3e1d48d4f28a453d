import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret, TOTP, URI } from 'otpauth';
import type { AuthTestRelay } from './auth-harness.ts';
import { GOOD_PASSWORD, register, startAuthRelay } from './auth-harness.ts';

let relay: AuthTestRelay;
let token: string;
beforeEach(async () => {
  relay = await startAuthRelay({ frozenClock: true });
  token = (await register(relay, 'totp@example.com')).accessToken;
});
afterEach(async () => {
  await relay.close();
});

/** The code an authenticator app shows at the relay's current time plus `stepOffset` steps. */
function code(secret: string, stepOffset = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: relay.ctx.now() + stepOffset * 30_000 });
}

const login = (totp?: string) =>
  relay.call('POST', '/api/auth/login', {
    json: { email: 'totp@example.com', password: GOOD_PASSWORD, totp },
  });

async function enable(): Promise<string> {
  const enrolled = await relay.call('POST', '/api/auth/totp/enroll', { token });
  expect(enrolled.status).toBe(200);
  const secret = enrolled.json.secret as string;
  const verified = await relay.call('POST', '/api/auth/totp/verify', { token, json: { code: code(secret) } });
  expect(verified.status).toBe(200);
  return secret;
}

describe('TOTP', () => {
  it('enrols with an otpauth URL an authenticator app understands', async () => {
    const enrolled = await relay.call('POST', '/api/auth/totp/enroll', { token });
    expect(enrolled.status).toBe(200);
    const parsed = URI.parse(enrolled.json.otpauthUrl as string);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({
      issuer: 'Facet',
      label: 'totp@example.com',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect((parsed as TOTP).secret.base32).toBe(enrolled.json.secret);
    // Not on until a code proves the app has the secret.
    expect((await login()).status).toBe(200);
    const me = await relay.call('GET', '/api/me', { token });
    expect((me.json.user as { totpEnabled: boolean }).totpEnabled).toBe(false);
  });

  it('refuses a wrong code at verification', async () => {
    const secret = (await relay.call('POST', '/api/auth/totp/enroll', { token })).json.secret as string;
    const wrong = await relay.call('POST', '/api/auth/totp/verify', {
      token,
      json: { code: code(secret, 5) },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error?.code).toBe('totp_invalid');
    expect((await relay.call('POST', '/api/auth/totp/verify', { token, json: { code: 'abc' } })).status).toBe(
      400,
    );
  });

  it('requires the code at login once enabled', async () => {
    const secret = await enable();
    const me = await relay.call('GET', '/api/me', { token });
    expect((me.json.user as { totpEnabled: boolean }).totpEnabled).toBe(true);

    const missing = await login();
    expect(missing.status).toBe(401);
    expect(missing.json.error?.code).toBe('totp_required');
    const wrong = await login(code(secret, 10));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error?.code).toBe('totp_invalid');

    // The code used to enable is spent; the next step's code (within the ±1 window) works once.
    expect((await login(code(secret))).status).toBe(401);
    const next = code(secret, 1);
    const ok = await login(next);
    expect(ok.status).toBe(200);
    expect(ok.json.user).toMatchObject({ totpEnabled: true });
    const replay = await login(next);
    expect(replay.status).toBe(401);
    expect(replay.json.error?.code).toBe('totp_invalid');
  });

  it('accepts a code one step old or new, not two', async () => {
    const secret = await enable();
    relay.clock.offsetMs += 90_000;
    expect((await login(code(secret, -2))).status).toBe(401);
    expect((await login(code(secret, -1))).status).toBe(200);
  });

  it('refuses to enrol again while on, and turns off only with a valid code', async () => {
    const secret = await enable();
    expect((await relay.call('POST', '/api/auth/totp/enroll', { token })).status).toBe(409);
    const wrong = await relay.call('POST', '/api/auth/totp/disable', {
      token,
      json: { code: code(secret, 7) },
    });
    expect(wrong.status).toBe(401);
    relay.clock.offsetMs += 30_000;
    const off = await relay.call('POST', '/api/auth/totp/disable', { token, json: { code: code(secret) } });
    expect(off.status).toBe(200);
    expect(off.json).toEqual({ totpEnabled: false });
    expect((await login()).status).toBe(200);
    const row = await relay.db.get<{ totp_secret: unknown }>('SELECT totp_secret FROM users');
    expect(row?.totp_secret).toBeNull();
  });
});
