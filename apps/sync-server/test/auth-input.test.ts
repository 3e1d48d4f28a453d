import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AuthTestRelay } from './auth-harness.ts';
import { GOOD_PASSWORD, register, startAuthRelay } from './auth-harness.ts';
import { passwordProblem } from '../src/auth/passwords.ts';
import { DEFAULT_LIMITS } from '../src/config.ts';

let relay: AuthTestRelay;
beforeAll(async () => {
  relay = await startAuthRelay({ config: { limits: { ...DEFAULT_LIMITS, loginsPerMinute: 1000 } } });
});
afterAll(async () => {
  await relay.close();
});

/** A refusal must be a clean JSON error: no stack trace, no internals. */
function expectCleanError(answer: Answer, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json.error?.message).toEqual(expect.any(String));
  expect(answer.text).not.toMatch(/at .*\.ts:\d+|node_modules|Error:/);
}

const registerWith = (json: unknown) => relay.call('POST', '/api/auth/register', { json });

describe('weak passwords', () => {
  it.each([
    ['', /empty/],
    ['Short1!', /too short/],
    ['abcdefghijkl', /one kind of character/],
    ['123456789012', /one kind of character/],
    ['aaaaaaaaaA11', /distinct characters/],
    ['Password123', /well-known/],
    ['qwerty12345', /well-known/],
  ])('refuses %j with 400 and explains the rule', async (password, why) => {
    const answer = await registerWith({ email: 'weak@example.com', password, name: 'W' });
    expectCleanError(answer, 400);
    expect(answer.json.error?.message).toMatch(why);
    expect(answer.json.error?.message).toMatch(/at least 10 characters/);
  });

  it('refuses the email address as password', async () => {
    const answer = await registerWith({
      email: 'Long.Name99@example.com',
      password: 'long.name99@EXAMPLE.com',
      name: 'W',
    });
    expectCleanError(answer, 400);
    expect(answer.json.error?.message).toMatch(/email address/);
    expect(passwordProblem('Long.Name99', 'long.name99@example.com')).toMatch(/email address/);
    expect(passwordProblem('Tr0ub4dor&3x', 'x@example.com')).toBeNull();
    const rows = await relay.db.all("SELECT id FROM users WHERE email = 'long.name99@example.com'");
    expect(rows).toEqual([]);
  });
});

describe('malformed input', () => {
  it.each([
    ['no body', undefined],
    ['wrong types', { email: 42, password: ['x'], name: null }],
    ['missing fields', { email: 'a@example.com' }],
    ['invalid email', { email: 'not an email', password: GOOD_PASSWORD, name: 'X' }],
    ['empty name', { email: 'n@example.com', password: GOOD_PASSWORD, name: '   ' }],
    ['an array', [1, 2, 3]],
  ])('refuses %s with 400', async (_, json) => {
    expectCleanError(await registerWith(json), 400);
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await relay.call('POST', '/api/auth/login', { body: '{"email": "a@example.com", ' });
    expectCleanError(answer, 400);
    expect(answer.json.error?.message).toMatch(/not valid JSON/);
    const text = await relay.call('POST', '/api/auth/login', {
      body: 'email=a',
      headers: { 'content-type': 'text/plain' },
    });
    expectCleanError(text, 415);
  });

  it('refuses huge strings (400) and bodies over the limit (413)', async () => {
    const big = 'A1b'.repeat(300_000);
    expectCleanError(await registerWith({ email: 'big@example.com', password: big, name: 'B' }), 400);
    expectCleanError(
      await registerWith({ email: `${'a'.repeat(100_000)}@example.com`, password: GOOD_PASSWORD, name: 'B' }),
      400,
    );
    expectCleanError(
      await registerWith({ email: 'big2@example.com', password: GOOD_PASSWORD, name: 'n'.repeat(5000) }),
      400,
    );
    const login = await relay.call('POST', '/api/auth/login', {
      json: { email: 'big@example.com', password: 'x'.repeat(2000) },
    });
    expectCleanError(login, 400);
    const huge = await relay.call('POST', '/api/auth/login', {
      json: { email: 'big@example.com', password: 'x'.repeat(1024 * 1024 + 10) },
    });
    expectCleanError(huge, 413);
    const refresh = await relay.call('POST', '/api/auth/refresh', {
      json: { refreshToken: 'r'.repeat(1000) },
    });
    expectCleanError(refresh, 400);
  });

  it('survives a bearer header that is huge or odd', async () => {
    const answers = await Promise.all(
      [
        'Bearer ' + 'x'.repeat(7000),
        'Bearer fct_' + 'y'.repeat(300),
        'Bearer a.b.c',
        'Bearer   ',
        'bearer fct_',
      ].map((authorization) => relay.call('GET', '/api/me', { headers: { authorization } })),
    );
    for (const answer of answers) expectCleanError(answer, 401);
  });

  it('still works after all of that', async () => {
    const pair = await register(relay, 'after@example.com');
    expect((await relay.call('GET', '/api/me', { token: pair.accessToken })).status).toBe(200);
  });
});

describe('login rate limit', () => {
  it('answers 429 after loginsPerMinute attempts for one email, then recovers', async () => {
    const limited = await startAuthRelay({ config: { limits: { ...DEFAULT_LIMITS, loginsPerMinute: 3 } } });
    try {
      await register(limited, 'rl@example.com');
      const attempt = (email: string, password = 'wrong-Password-1') =>
        limited.call('POST', '/api/auth/login', { json: { email, password } });
      for (let i = 0; i < 3; i++) expect((await attempt('rl@example.com')).status).toBe(401);
      const refused = await attempt('rl@example.com', GOOD_PASSWORD);
      expectCleanError(refused, 429);
      expect(refused.headers.get('retry-after')).toBe('60');
      // The IP is spent too: another email from the same address is refused.
      expect((await attempt('other@example.com')).status).toBe(429);
      limited.clock.offsetMs = 60_000;
      expect((await attempt('rl@example.com', GOOD_PASSWORD)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
