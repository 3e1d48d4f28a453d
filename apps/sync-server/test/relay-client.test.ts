/**
 * The app's REST client (`RelayClient` in engine/common) against a real relay: accounts with and
 * without two-factor, token refresh (rotating, single-flight), documents, members and invites, and
 * errors as typed values.
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayClient, RelayError, type RelaySession } from '@facet/engine/common';
import { startTestRelay, type TestRelay } from './harness.ts';

const PASSWORD = 'correct horse battery staple';
let relay: TestRelay;
let n = 0;
const email = (name: string) => `${name}-${process.pid}-${++n}@example.com`;

beforeAll(async () => {
  // Access tokens last 31 s: a client with a 60 s margin refreshes before every call.
  relay = await startTestRelay({ accessTokenSeconds: 31 });
});
afterAll(async () => {
  await relay.stop();
});

/** A client that records every request path and every saved session. */
function client(options: { session?: RelaySession; refreshMarginMs?: number } = {}) {
  const paths: string[] = [];
  const sessions: (RelaySession | undefined)[] = [];
  const c = new RelayClient({
    url: relay.url + '/',
    ...options,
    onSession: (s) => sessions.push(s),
    fetch: (url, init) => {
      paths.push(`${init.method} ${url.slice(relay.url.length)}`);
      return fetch(url, init);
    },
  });
  return { c, paths, sessions };
}

async function failure(promise: Promise<unknown>): Promise<RelayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelayError);
  return error as RelayError;
}

describe('RelayClient', () => {
  it('signs up, knows who it is, and saves the session', async () => {
    const { c, sessions } = client({ refreshMarginMs: 0 });
    const user = await c.signUp({ email: email('ada'), password: PASSWORD, name: 'Ada' });
    expect(user.name).toBe('Ada');
    expect(c.user?.id).toBe(user.id);
    expect(sessions).toHaveLength(1);
    expect((await c.me()).id).toBe(user.id);
    expect(c.url).toBe(relay.url);
    expect(c.wsUrl).toBe(relay.url.replace('http', 'ws') + '/');
  });

  it('refuses weak passwords, wrong passwords and bad input with readable errors', async () => {
    const { c } = client();
    const weak = await failure(c.signUp({ email: email('weak'), password: 'abc', name: 'Weak' }));
    expect(weak).toMatchObject({ status: 400, code: 'bad_request' });
    expect(weak.message).toMatch(/password/i);
    const address = email('grace');
    await c.signUp({ email: address, password: PASSWORD, name: 'Grace' });
    const wrong = await failure(
      client().c.signIn({ email: address, password: 'wrong horse battery staple' }),
    );
    expect(wrong).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'Wrong email or password.',
    });
    expect(wrong.signInAgain).toBe(true);
    const bad = await failure(c.createDoc(''));
    expect(bad).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('asks for the two-factor code, then signs in with it', async () => {
    const address = email('totp');
    const { c } = client();
    await c.signUp({ email: address, password: PASSWORD, name: 'Two' });
    const token = await c.accessToken();
    const secret = (await relay.api('POST', '/api/auth/totp/enroll', { token })).body.secret as string;
    const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    const code = (offset: number) => totp.generate({ timestamp: Date.now() + offset * 30_000 });
    expect(
      (await relay.api('POST', '/api/auth/totp/verify', { token, json: { code: code(0) } })).status,
    ).toBe(200);
    const second = client().c;
    const required = await failure(second.signIn({ email: address, password: PASSWORD }));
    expect(required).toMatchObject({ status: 401, code: 'totp_required' });
    expect(required.signInAgain).toBe(false);
    // The code just used for verification is spent; the next step's code is within the window.
    const user = await second.signIn({ email: address, password: PASSWORD, totp: code(1) });
    expect(user.totpEnabled).toBe(true);
  });

  it('refreshes once for many concurrent callers, and the rotated session survives a restart', async () => {
    const { c, paths, sessions } = client({ refreshMarginMs: 60_000 });
    await c.signUp({ email: email('rot'), password: PASSWORD, name: 'Rot' });
    paths.length = 0;
    // The token expires within the 60 s margin: each call needs a fresh one, and all share one refresh.
    const tokens = await Promise.all([c.accessToken(), c.accessToken(), c.listDocs(), c.accessToken()]);
    expect(paths.filter((p) => p === 'POST /api/auth/refresh')).toHaveLength(1);
    expect(new Set([tokens[0], tokens[1], tokens[3]]).size).toBe(1);
    const saved = sessions.at(-1);
    expect(saved?.refreshToken).not.toBe(sessions[0]?.refreshToken);
    // A new client (the app started again) resumes from the last saved session.
    const resumed = client({ session: saved });
    expect((await resumed.c.me()).name).toBe('Rot');
  });

  it('loses the session when an old refresh token is reused, and says so', async () => {
    const { c, sessions } = client();
    await c.signUp({ email: email('reuse'), password: PASSWORD, name: 'Reuse' });
    const first = sessions[0]!;
    await c.refresh();
    // Someone replays the first refresh token: the relay revokes the session everywhere.
    const replay = client({ session: first });
    expect((await failure(replay.c.refresh())).status).toBe(401);
    expect(replay.sessions).toEqual([undefined]);
    const after = await failure(c.refresh());
    expect(after.signInAgain).toBe(true);
    expect(c.user).toBeUndefined();
    expect(await failure(c.listDocs())).toMatchObject({ status: 401, code: 'signed_out' });
  });

  it('refreshes with the session another window saved since, not its own stale token', async () => {
    const saved: { current?: RelaySession } = {};
    const first = client({ refreshMarginMs: 60_000 });
    await first.c.signUp({ email: email('win'), password: PASSWORD, name: 'Win' });
    const stale = first.sessions.at(-1)!;
    // A second window of the same project starts from the saved session and refreshes first.
    const second = new RelayClient({ url: relay.url, session: stale, onSession: (s) => (saved.current = s) });
    await second.refresh();
    // The first window still holds the old token; reading the saved one first keeps the session alive.
    const first2 = new RelayClient({
      url: relay.url,
      session: stale,
      loadSession: () => Promise.resolve(saved.current),
      onSession: (s) => (saved.current = s),
    });
    await first2.refresh();
    expect((await first2.me()).name).toBe('Win');
    expect((await second.me()).name).toBe('Win');
  });

  it('signs out: the refresh token stops working', async () => {
    const { c, sessions } = client();
    await c.signUp({ email: email('out'), password: PASSWORD, name: 'Out' });
    const saved = sessions.at(-1)!;
    await c.signOut();
    expect(c.user).toBeUndefined();
    expect(sessions.at(-1)).toBeUndefined();
    expect((await failure(client({ session: saved }).c.refresh())).status).toBe(401);
  });

  it('creates documents, adds members, makes invite links that another account accepts', async () => {
    const owner = client({ refreshMarginMs: 0 }).c;
    await owner.signUp({ email: email('owner'), password: PASSWORD, name: 'Owner' });
    const doc = await owner.createDoc('Weather');
    expect(doc).toMatchObject({ name: 'Weather', role: 'owner' });
    expect((await owner.listDocs()).map((d) => d.id)).toContain(doc.id);

    const bobEmail = email('bob');
    const bob = client({ refreshMarginMs: 0 }).c;
    await bob.signUp({ email: bobEmail, password: PASSWORD, name: 'Bob' });
    const added = await owner.addMember(doc.id, bobEmail, 'viewer');
    expect(added).toMatchObject({ name: 'Bob', role: 'viewer' });
    expect((await bob.getDoc(doc.id)).role).toBe('viewer');
    const unknown = await failure(owner.addMember(doc.id, email('nobody'), 'editor'));
    expect(unknown).toMatchObject({ status: 404, code: 'not_found' });

    const invite = await owner.createInvite(doc.id, { role: 'editor', expiresInHours: 24 });
    expect(invite.url).toBe(`${relay.url}/invite/${invite.token}`);
    const carol = client({ refreshMarginMs: 0 }).c;
    await carol.signUp({ email: email('carol'), password: PASSWORD, name: 'Carol' });
    // The whole link pasted, with surrounding spaces, works as well as the token.
    const joined = await carol.acceptInvite(`  ${invite.url}  `);
    expect(joined).toMatchObject({ id: doc.id, role: 'editor' });
    const members = await owner.listMembers(doc.id);
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ['Owner', 'owner'],
      ['Bob', 'viewer'],
      ['Carol', 'editor'],
    ]);
    // A viewer cannot invite.
    const denied = await failure(bob.createInvite(doc.id, { role: 'viewer', expiresInHours: 1 }));
    expect(denied.status).toBe(403);
    expect(await failure(carol.acceptInvite('not a link'))).toMatchObject({ code: 'bad_invite' });
  });

  it('lets pages of other origins call the API (preflight and answer), with bearer tokens only', async () => {
    const preflight = await fetch(`${relay.url}/api/docs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, GET');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await fetch(`${relay.url}/api/me`, { headers: { origin: 'app://facet' } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('reports an unreachable relay and a bad address plainly', async () => {
    expect(() => new RelayClient({ url: 'relay.example.com' })).toThrow(/http\(s\):\/\/host/);
    const away = new RelayClient({ url: 'http://127.0.0.1:9' });
    const error = await failure(away.signIn({ email: 'a@example.com', password: PASSWORD }));
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(error.message).toContain('Cannot reach the relay at http://127.0.0.1:9');
  });
});
