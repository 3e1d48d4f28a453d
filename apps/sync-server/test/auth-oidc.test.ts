import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTestRelay } from './auth-harness.ts';
import { register, startAuthRelay } from './auth-harness.ts';
import type { TestProvider } from './auth-oidc-provider.ts';
import { Browser, startTestProvider } from './auth-oidc-provider.ts';
import { allowedRedirect } from '../src/auth/redirects.ts';

let provider: TestProvider;
let relay: AuthTestRelay;
const APP = 'http://localhost:5173/signed-in';

beforeAll(async () => {
  provider = await startTestProvider({
    alice: { email: 'Alice@Example.com', email_verified: true, name: 'Alice Liddell' },
    bob: { email: 'bob@example.com', email_verified: true, name: 'Bob at the IdP' },
    mallory: { email: 'victim@example.com', email_verified: false, name: 'Mallory' },
    nomail: { name: 'No Mail' },
  });
  relay = await startAuthRelay({
    config: (publicUrl) => {
      provider.start(`${publicUrl}/api/auth/oidc/local/callback`);
      return {
        oidc: [
          {
            id: 'local',
            issuer: provider.issuer,
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
          },
          { id: 'down', issuer: 'http://127.0.0.1:1', clientId: 'x' },
        ],
      };
    },
  });
});
afterAll(async () => {
  await relay?.close();
  await provider?.close();
});

const browser = () => new Browser([relay.url, provider.issuer]);
const start = (redirect?: string) =>
  `${relay.url}/api/auth/oidc/local/start${redirect === undefined ? '' : `?redirect=${encodeURIComponent(redirect)}`}`;

function fragment(url: URL): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
}

describe('OpenID Connect sign-in', () => {
  it('lists the configured providers', async () => {
    const answer = await relay.call('GET', '/api/auth/providers');
    expect(answer.json.providers).toEqual([
      { id: 'local', issuer: provider.issuer, startUrl: `${relay.url}/api/auth/oidc/local/start` },
      { id: 'down', issuer: 'http://127.0.0.1:1', startUrl: `${relay.url}/api/auth/oidc/down/start` },
    ]);
  });

  it('redirects to the provider with PKCE, state and nonce, remembering them in an HttpOnly cookie', async () => {
    const answer = await relay.call('GET', `/api/auth/oidc/local/start?redirect=${encodeURIComponent(APP)}`);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: provider.clientId,
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: `${relay.url}/api/auth/oidc/local/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/) as unknown,
      state: expect.stringMatching(/^[\w-]{20,}$/) as unknown,
      nonce: expect.stringMatching(/^[\w-]{20,}$/) as unknown,
    });
    const cookie = answer.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(
      /^facet_oidc_[\w-]{16}=.+; Max-Age=600; Path=\/api\/auth\/oidc\/local\/callback; HttpOnly; SameSite=Lax$/,
    );
    // The cookie is encrypted: the verifier and nonce cannot be read from it.
    expect(cookie).not.toContain(location.searchParams.get('nonce'));
  });

  it('signs a new user in end to end and returns the tokens in the fragment', async () => {
    const b = browser();
    const { url } = await b.signIn(start(APP), 'alice');
    expect(url.origin + url.pathname).toBe(APP);
    const tokens = fragment(url);
    expect(Object.keys(tokens).sort()).toEqual(['accessToken', 'refreshToken']);
    // The flow really went through the provider's login and consent pages.
    expect(b.visited.filter((v) => v.includes('/interaction/')).length).toBeGreaterThanOrEqual(4);
    // The pending-state cookie was cleared.
    expect([...b.cookies(relay.url).keys()]).toEqual([]);

    const me = await relay.call('GET', '/api/me', { token: tokens.accessToken });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({
      email: 'alice@example.com',
      name: 'Alice Liddell',
      totpEnabled: false,
    });
    const identity = await relay.db.get<{ issuer: string; subject: string }>(
      'SELECT issuer, subject FROM identities',
    );
    expect(identity).toEqual({ issuer: provider.issuer, subject: 'alice' });
    const refreshed = await relay.call('POST', '/api/auth/refresh', {
      json: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.status).toBe(200);

    // Signing in again (a fresh browser) finds the same user through the linked identity.
    const again = fragment((await browser().signIn(start('facet://auth/done'), 'alice')).url);
    const me2 = await relay.call('GET', '/api/me', { token: again.accessToken });
    expect((me2.json.user as { id: string }).id).toBe((me.json.user as { id: string }).id);
  });

  it('links a verified email to the existing password account', async () => {
    const existing = await register(relay, 'bob@example.com');
    const { url } = await browser().signIn(start(APP), 'bob');
    const me = await relay.call('GET', '/api/me', { token: fragment(url).accessToken });
    expect(me.json.user).toMatchObject({ id: existing.user.id, name: 'Test User' });
  });

  it('does not link an unverified email to an existing account', async () => {
    const victim = await register(relay, 'victim@example.com');
    const { url } = await browser().signIn(start(APP), 'mallory');
    expect(fragment(url)).toMatchObject({
      error: 'conflict',
      message: expect.stringMatching(/already exists/) as unknown,
    });
    const links = await relay.db.all('SELECT user_id FROM identities WHERE user_id = ?', [victim.user.id]);
    expect(links).toEqual([]);
  });

  it('answers JSON when no redirect was given', async () => {
    const { response } = await browser().signIn(start(), 'alice');
    expect(response?.status).toBe(200);
    const pair = (await response!.json()) as { accessToken: string; user: { email: string } };
    expect(pair.user.email).toBe('alice@example.com');
    expect(await relay.auth.authenticate(pair.accessToken)).toMatchObject({ via: 'token' });
  });

  it('reports a refused consent and a provider without email', async () => {
    const denied = await browser().signIn(start(APP), 'alice', { abortConsent: true });
    expect(fragment(denied.url)).toMatchObject({ error: 'oidc_denied' });
    const { response } = await browser().signIn(start(), 'nomail');
    expect(response?.status).toBe(400);
    expect(((await response!.json()) as { error: { code: string } }).error.code).toBe('oidc_no_email');
  });

  it('refuses a callback from another browser or with a forged state', async () => {
    const first = await relay.call('GET', `/api/auth/oidc/local/start?redirect=${encodeURIComponent(APP)}`);
    const state = new URL(first.headers.get('location')!).searchParams.get('state')!;
    const noCookie = await relay.call('GET', `/api/auth/oidc/local/callback?code=abc&state=${state}`);
    expect(noCookie.status).toBe(400);
    expect(noCookie.json.error?.code).toBe('oidc_state');
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!;
    const tampered = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const forged = await relay.call('GET', `/api/auth/oidc/local/callback?code=abc&state=${state}`, {
      headers: { cookie: tampered },
    });
    expect(forged.json.error?.code).toBe('oidc_state');
    expect((await relay.call('GET', '/api/auth/oidc/local/callback?code=abc')).status).toBe(400);
  });

  it('refuses open redirects, unknown providers and reports an unreachable one', async () => {
    for (const bad of [
      'https://evil.example/',
      `${relay.url}.evil.example/`,
      'http://localhost@evil.example/',
      'javascript:alert(1)',
      '//evil.example',
      'not a url',
    ]) {
      const answer = await relay.call(
        'GET',
        `/api/auth/oidc/local/start?redirect=${encodeURIComponent(bad)}`,
      );
      expect(answer.status, bad).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
    }
    expect((await relay.call('GET', '/api/auth/oidc/nope/start')).status).toBe(404);
    const down = await relay.call('GET', '/api/auth/oidc/down/start');
    expect(down.status).toBe(502);
    expect(down.json.error?.code).toBe('oidc_unavailable');
  });
});

describe('allowedRedirect', () => {
  const base = 'https://relay.example.com/facet';
  it.each([
    ['http://localhost:3000/cb', true],
    ['https://127.0.0.1/cb', true],
    ['http://[::1]:8080/', true],
    ['facet://auth', true],
    ['https://relay.example.com/facet/app#x', true],
    ['https://relay.example.com/facet', true],
    ['https://relay.example.com/facetious', false],
    ['https://relay.example.com/other', false],
    ['http://relay.example.com/facet/app', false],
    ['https://relay.example.com.evil.net/facet', false],
    ['http://localhost.evil.net/', false],
    ['http://user:pw@localhost/', false],
    ['ftp://localhost/', false],
    ['data:text/html,hi', false],
  ])('%s → %s', (url, ok) => {
    expect(allowedRedirect(url, base) !== null).toBe(ok);
  });
});
