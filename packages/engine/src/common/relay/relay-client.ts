/**
 * A typed client of the relay's REST API, on `fetch` (so it runs in the renderer, the browser app,
 * Node and tests alike). It keeps the session: the short-lived access token in memory and the
 * refresh token, which the relay rotates on every refresh. Saving the new refresh token is the
 * caller's job (`onSession`); reusing an old one makes the relay revoke the whole session.
 */
import { inviteToken } from './invite-token.ts';
import { RelayError, relayErrorFrom } from './relay-error.ts';
import type {
  RelayDoc,
  RelayInvite,
  RelayMember,
  RelayRole,
  RelaySession,
  RelayTokenPair,
  RelayUser,
} from './relay-types.ts';

/** The part of `fetch` the client uses (declared here: engine/common has no DOM or Node types). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; ok: boolean; text(): Promise<string> }>;

export interface RelayClientOptions {
  /** The relay's address, e.g. `https://relay.example.com` (a trailing slash is ignored). */
  url: string;
  /** A session saved by an earlier run. */
  session?: RelaySession;
  /** Called whenever the session changes (signed in, refreshed, signed out): persist it. */
  onSession?: (session: RelaySession | undefined) => void;
  /**
   * Reads the saved session just before a refresh. Another window of the same project may have
   * rotated the refresh token since this client last saw it; refreshing with the old one would look
   * like theft to the relay and end the session for both.
   */
  loadSession?: () => Promise<RelaySession | undefined>;
  fetch?: FetchLike;
  now?: () => number;
  /** Refresh this long before the access token expires (default 30 s). */
  refreshMarginMs?: number;
}

export class RelayClient {
  /** The relay's base URL, without a trailing slash. */
  readonly url: string;
  private session: RelaySession | undefined;
  private access: { token: string; expiresAt: number } | undefined;
  /** The refresh in flight: every caller waits on the same one, so the token is rotated once. */
  private refreshing: Promise<string> | undefined;
  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly margin: number;
  private readonly onSession: (session: RelaySession | undefined) => void;
  private readonly loadSession: (() => Promise<RelaySession | undefined>) | undefined;

  constructor(options: RelayClientOptions) {
    this.url = normalizeRelayUrl(options.url);
    this.session = options.session;
    const global = (globalThis as { fetch?: FetchLike }).fetch;
    const fetch = options.fetch ?? global?.bind(globalThis);
    if (!fetch) throw new Error('RelayClient needs fetch (pass options.fetch where there is none).');
    this.fetch = fetch;
    this.now = options.now ?? Date.now;
    this.margin = options.refreshMarginMs ?? 30_000;
    this.onSession = options.onSession ?? (() => undefined);
    this.loadSession = options.loadSession;
  }

  /** The WebSocket address for `@hocuspocus/provider`. */
  get wsUrl(): string {
    return this.url.replace(/^http/, 'ws') + '/';
  }

  /** The signed-in user, if any (from the last sign-in or refresh). */
  get user(): RelayUser | undefined {
    return this.session?.user;
  }

  async signUp(input: { email: string; password: string; name: string }): Promise<RelayUser> {
    return this.adopt(await this.call<RelayTokenPair>('POST', '/api/auth/register', input, false));
  }

  /** Signs in; an account with two-factor on answers 401 `totp_required` until `totp` is given. */
  async signIn(input: { email: string; password: string; totp?: string }): Promise<RelayUser> {
    const body = input.totp ? input : { email: input.email, password: input.password };
    return this.adopt(await this.call<RelayTokenPair>('POST', '/api/auth/login', body, false));
  }

  /** Revokes the session on the relay (best effort: forgotten here even when the relay is away). */
  async signOut(): Promise<void> {
    const session = this.session;
    this.forget();
    if (!session) return;
    await this.call('POST', '/api/auth/logout', { refreshToken: session.refreshToken }, false).catch(
      (error: unknown) => {
        if (!(error instanceof RelayError) || error.status !== 0) throw error;
      },
    );
  }

  /**
   * A valid access token, refreshed when it is missing or about to expire; what a provider's
   * `token` function returns. Throws RelayError `signed_out` when there is no session.
   */
  async accessToken(): Promise<string> {
    if (this.access && this.access.expiresAt - this.margin > this.now()) return this.access.token;
    return this.refresh();
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request: two refreshes
   * with the same token would look like a stolen token to the relay, which then ends the session.
   */
  refresh(): Promise<string> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async me(): Promise<RelayUser> {
    return (await this.call<{ user: RelayUser }>('GET', '/api/me')).user;
  }

  listDocs(): Promise<RelayDoc[]> {
    return this.call('GET', '/api/docs');
  }

  createDoc(name: string): Promise<RelayDoc> {
    return this.call('POST', '/api/docs', { name });
  }

  getDoc(id: string): Promise<RelayDoc> {
    return this.call('GET', `/api/docs/${encodeURIComponent(id)}`);
  }

  listMembers(docId: string): Promise<RelayMember[]> {
    return this.call('GET', `/api/docs/${encodeURIComponent(docId)}/members`);
  }

  /** Adds someone who already has an account on the relay (404 otherwise: send an invite link). */
  addMember(docId: string, email: string, role: RelayRole): Promise<RelayMember> {
    return this.call('POST', `/api/docs/${encodeURIComponent(docId)}/members`, { email, role });
  }

  createInvite(
    docId: string,
    input: { role: RelayRole; expiresInHours: number; email?: string },
  ): Promise<RelayInvite> {
    return this.call('POST', `/api/docs/${encodeURIComponent(docId)}/invites`, input);
  }

  /** Joins a document through an invite link or its token; resolves with the doc and your role. */
  async acceptInvite(linkOrToken: string): Promise<RelayDoc> {
    return this.call('POST', '/api/invites/accept', { token: inviteToken(linkOrToken) });
  }

  private async doRefresh(): Promise<string> {
    const saved = this.session && (await this.loadSession?.().catch(() => undefined));
    // Only a newer token for the same user: a saved session of someone else is not ours to take.
    if (saved && this.session && saved.user.id === this.session.user.id) this.session = saved;
    const session = this.session;
    if (!session) throw new RelayError(401, 'signed_out', 'Sign in to the relay first.');
    try {
      const pair = await this.call<RelayTokenPair>(
        'POST',
        '/api/auth/refresh',
        { refreshToken: session.refreshToken },
        false,
      );
      this.adopt(pair);
      return pair.accessToken;
    } catch (error) {
      // A refused refresh token will never work again: drop the session so the UI asks to sign in.
      if (error instanceof RelayError && error.status === 401 && this.session === session) this.forget();
      throw error;
    }
  }

  private adopt(pair: RelayTokenPair): RelayUser {
    this.access = { token: pair.accessToken, expiresAt: pair.expiresAt };
    this.session = { refreshToken: pair.refreshToken, user: pair.user };
    this.onSession(this.session);
    return pair.user;
  }

  private forget(): void {
    this.access = undefined;
    this.session = undefined;
    this.onSession(undefined);
  }

  /** One REST call; `auth` adds the access token and retries once after a 401 with a fresh one. */
  private async call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const send = async (token: string | undefined) => {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      try {
        return await this.fetch(this.url + path, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new RelayError(0, 'network', `Cannot reach the relay at ${this.url} (${detail}).`);
      }
    };
    let res = await send(auth ? await this.accessToken() : undefined);
    if (auth && res.status === 401) res = await send(await this.refresh());
    const text = await res.text();
    if (!res.ok) throw relayErrorFrom(res.status, text);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RelayError(res.status, 'bad_reply', 'The relay sent an answer that is not JSON.');
    }
  }
}

/**
 * Checks and tidies a relay address typed by a person: http(s) only, no path, query or
 * credentials. Throws a RelayError (code `bad_url`) with a readable message.
 */
export function normalizeRelayUrl(input: string): string {
  const text = input.trim().replace(/\/+$/, '');
  const match = /^(https?):\/\/([^/?#@\s]+)$/i.exec(text);
  if (!match?.[1] || !match[2])
    throw new RelayError(
      0,
      'bad_url',
      'Enter the relay address as http(s)://host[:port], e.g. https://relay.example.com',
    );
  return `${match[1].toLowerCase()}://${match[2]}`;
}
