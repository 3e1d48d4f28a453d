import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { OidcProviderConfig } from '../config.ts';
import { HttpError, badRequest, notFound } from '../http/http-error.ts';
import type { RelayContext } from '../relay-context.ts';
import { linkIdentity } from './oidc-link.ts';

/** How long a started sign-in may take at the provider. */
const PENDING_SECONDS = 600;
const COOKIE_PREFIX = 'facet_oidc_';

/** What the relay remembers between /start and /callback, inside an encrypted cookie. */
interface Pending {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  redirect: string | null;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * OpenID Connect sign-in (authorization code + PKCE + state + nonce) with every configured provider.
 *
 * The pending state lives in an encrypted, short-lived, HttpOnly cookie rather than in the store: it
 * works across relays sharing a store (they share the key), and it binds the flow to the browser that
 * started it, so a callback link crafted by someone else (login CSRF) finds no matching cookie.
 */
export class OidcLogin {
  private readonly configs = new Map<string, Promise<oidc.Configuration>>();
  private readonly cookieKey: Uint8Array;

  constructor(
    private readonly ctx: RelayContext,
    secret: Uint8Array,
  ) {
    this.cookieKey = createHash('sha256').update('facet-oidc-state\0').update(secret).digest();
  }

  /** The configured providers, as the sign-in page lists them. */
  providers(): { id: string; issuer: string; startUrl: string }[] {
    return this.ctx.config.oidc.map((p) => ({ id: p.id, issuer: p.issuer, startUrl: this.startUrl(p.id) }));
  }

  startUrl(id: string): string {
    return `${this.ctx.publicUrl}/api/auth/oidc/${encodeURIComponent(id)}/start`;
  }

  callbackUrl(id: string): string {
    return `${this.ctx.publicUrl}/api/auth/oidc/${encodeURIComponent(id)}/callback`;
  }

  private provider(id: string): OidcProviderConfig {
    const provider = this.ctx.config.oidc.find((p) => p.id === id);
    if (!provider) throw notFound(`No sign-in provider named "${id}" is configured.`);
    return provider;
  }

  /** Discovery, once per provider; a failure is forgotten so the next sign-in retries. */
  private configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let config = this.configs.get(provider.id);
    if (!config) {
      const issuer = new URL(provider.issuer);
      const auth = provider.clientSecret ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None();
      config = oidc.discovery(issuer, provider.clientId, undefined, auth, {
        // Plain http only for a provider on this machine (development, tests).
        execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      });
      config.catch((error: unknown) => {
        this.configs.delete(provider.id);
        this.ctx.log.warn({ err: error, provider: provider.id }, 'OIDC discovery failed');
      });
      this.configs.set(provider.id, config);
    }
    return config.catch(() => {
      throw new HttpError(
        502,
        'oidc_unavailable',
        `The sign-in provider "${provider.id}" cannot be reached.`,
      );
    });
  }

  /** Begins a sign-in: the provider's authorization URL and the cookie that remembers this attempt. */
  async start(id: string, redirect: string | null): Promise<{ url: string; cookie: string }> {
    const provider = this.provider(id);
    const config = await this.configuration(provider);
    const pending: Pending = {
      provider: id,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      redirect,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.callbackUrl(id),
      scope: 'openid email profile',
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    const sealed = await new EncryptJWT({ ...pending })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(Math.floor(this.ctx.now() / 1000))
      .setExpirationTime(Math.floor(this.ctx.now() / 1000) + PENDING_SECONDS)
      .encrypt(this.cookieKey);
    return { url: url.href, cookie: this.cookie(id, pending.state, sealed, PENDING_SECONDS) };
  }

  private cookie(id: string, state: string, value: string, maxAge: number): string {
    const secure = this.ctx.publicUrl.startsWith('https:') ? '; Secure' : '';
    const path = new URL(this.callbackUrl(id)).pathname;
    return `${COOKIE_PREFIX}${state.slice(0, 16)}=${value}; Max-Age=${maxAge}; Path=${path}; HttpOnly; SameSite=Lax${secure}`;
  }

  /** A Set-Cookie value that removes the pending cookie of `state`. */
  clearCookie(id: string, state: string): string {
    return this.cookie(id, state, '', 0);
  }

  /** Reads the pending attempt named by the callback's `state`; null when absent, forged or expired. */
  async pending(id: string, state: string, cookieHeader: string | undefined): Promise<Pending | null> {
    const name = `${COOKIE_PREFIX}${state.slice(0, 16)}`;
    const value = (cookieHeader ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${name}=`))
      ?.slice(name.length + 1);
    if (!value) return null;
    try {
      const { payload } = await jwtDecrypt(value, this.cookieKey, { currentDate: new Date(this.ctx.now()) });
      const p = payload as unknown as Pending;
      return p.provider === id && p.state === state ? p : null;
    } catch {
      return null;
    }
  }

  /**
   * Completes a sign-in: exchanges the code (checking state, nonce, PKCE and the ID token), then links
   * the identity to a user. Resolves to that user's id.
   */
  async finish(id: string, query: URLSearchParams, pending: Pending): Promise<string> {
    const provider = this.provider(id);
    const error = query.get('error');
    if (error) {
      const why = query.get('error_description') ?? error;
      throw new HttpError(401, 'oidc_denied', `The sign-in provider refused: ${why.slice(0, 200)}`);
    }
    const config = await this.configuration(provider);
    const current = new URL(this.callbackUrl(id));
    current.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (cause) {
      this.ctx.log.warn({ err: cause, provider: id }, 'OIDC code exchange failed');
      throw new HttpError(401, 'oidc_failed', 'The sign-in could not be completed; start again.');
    }
    const claims = tokens.claims();
    if (!claims) throw badRequest('The provider sent no ID token.');
    let profile: Record<string, unknown> = { ...claims };
    if (typeof claims.email !== 'string') {
      // Many providers put profile claims only in the userinfo response.
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => undefined);
      if (info) profile = { ...info, ...claims, email: info.email, email_verified: info.email_verified };
    }
    return linkIdentity(this.ctx, { issuer: claims.iss, subject: claims.sub, profile });
  }
}
