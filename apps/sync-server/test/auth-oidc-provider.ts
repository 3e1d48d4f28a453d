import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for the OIDC tests, with
 * one confidential client and its own login and consent pages (devInteractions), which the tests
 * drive with HTTP requests the way a browser would (see {@link Browser}).
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Creates the provider once the client's redirect URI is known. */
  start(redirectUri: string): void;
  close(): Promise<void>;
}

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export async function startTestProvider(accounts: Record<string, TestAccount>): Promise<TestProvider> {
  // oidc-provider ships without type declarations; a non-literal specifier keeps tsc from looking for them.
  const specifier: string = 'oidc-provider';
  const { default: Provider } = (await import(specifier)) as { default: ProviderClass };
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'facet-relay';
  const clientSecret = 'a-client-secret-long-enough-for-hs256-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    start(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        findAccount(_ctx: unknown, id: string) {
          const account = accounts[id];
          if (!account) return Promise.resolve(undefined);
          return Promise.resolve({ accountId: id, claims: () => Promise.resolve({ sub: id, ...account }) });
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
        ttl: {
          Interaction: 600,
          Session: 3600,
          Grant: 3600,
          AccessToken: 600,
          IdToken: 600,
          AuthorizationCode: 60,
        },
        jwks: { keys: [jwk] },
        features: { devInteractions: { enabled: true } },
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A minimal browser: follows redirects by hand, keeps cookies per origin, and fills in the provider's
 * login and consent forms. It stops at the first URL outside the relay and the provider (the app the
 * sign-in returns to) or at a response that is neither a redirect nor a provider form.
 */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();
  readonly visited: string[] = [];

  constructor(private readonly origins: string[]) {}

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.origin) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  private store(url: URL, res: Response): void {
    const cookies = this.jar.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
      );
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(url.origin, cookies);
  }

  /** Cookies the browser holds for an origin. */
  cookies(origin: string): Map<string, string> {
    return this.jar.get(origin) ?? new Map<string, string>();
  }

  /** Navigates to `start`; `login` is the account typed into the provider's login form. */
  async signIn(
    start: string,
    login: string,
    options: { abortConsent?: boolean } = {},
  ): Promise<{ url: URL; response?: Response }> {
    let url = new URL(start);
    let init: RequestInit = { method: 'GET' };
    for (let hop = 0; hop < 20; hop++) {
      if (!this.origins.includes(url.origin)) return { url };
      this.visited.push(url.href);
      const headers = new Headers(init.headers);
      const cookie = this.cookieHeader(url);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(url, { ...init, headers, redirect: 'manual' });
      this.store(url, response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        init = { method: 'GET' };
        continue;
      }
      const text = response.headers.get('content-type')?.includes('text/html')
        ? await response.clone().text()
        : '';
      const action = /<form[^>]*action="([^"]+)"/.exec(text)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(text)?.[1];
      if (!action || !prompt) return { url, response };
      const target = new URL(action.replace(/&amp;/g, '&'), url);
      if (prompt === 'consent' && options.abortConsent) {
        url = new URL(`${target.pathname}/abort`, url);
        init = { method: 'GET' };
        continue;
      }
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      url = target;
      init = { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    }
    throw new Error(`too many redirects; visited ${this.visited.join(' → ')}`);
  }
}
