import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTestRelay } from './auth-harness.ts';
import { register, startAuthRelay } from './auth-harness.ts';

let relay: AuthTestRelay;
let token: string;
let userId: string;
beforeEach(async () => {
  relay = await startAuthRelay();
  const pair = await register(relay, 'keys@example.com');
  token = pair.accessToken;
  userId = pair.user.id;
});
afterEach(async () => {
  await relay.close();
});

async function createKey(scopes: string[], as = token) {
  return relay.call('POST', '/api/keys', { token: as, json: { name: `key ${scopes.join('+')}`, scopes } });
}

describe('API keys', () => {
  it('shows the key once, stores only its hash and lists it without the secret', async () => {
    const created = await createKey(['docs:read']);
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    expect(key).toMatch(/^fct_[\w-]{43}$/);
    expect(created.json).toMatchObject({
      name: 'key docs:read',
      scopes: ['docs:read'],
      prefix: key.slice(0, 10),
    });

    const stored = await relay.db.all<{ key_hash: string; prefix: string }>(
      'SELECT key_hash, prefix FROM api_keys',
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(key.slice(10));
    expect(stored[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await relay.call('GET', '/api/keys', { token });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(key.slice(10));
    expect(list.json.keys).toEqual([
      {
        id: created.json.id,
        name: 'key docs:read',
        prefix: key.slice(0, 10),
        scopes: ['docs:read'],
        createdAt: expect.any(Number) as unknown,
        lastUsedAt: null,
      },
    ]);
  });

  it('authenticates with its scopes and records when it was used', async () => {
    const key = (await createKey(['docs:read', 'docs:write'])).json.key as string;
    const principal = await relay.auth.authenticate(key);
    expect(principal).toEqual({
      userId,
      via: 'api-key',
      scopes: ['docs:read', 'docs:write'],
      keyId: expect.any(String) as unknown,
    });
    const me = await relay.call('GET', '/api/me', { token: key });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ via: 'api-key', scopes: ['docs:read', 'docs:write'] });
    const row = await relay.db.get<{ last_used_at: unknown }>('SELECT last_used_at FROM api_keys');
    expect(Number(row?.last_used_at)).toBeGreaterThan(0);
    expect(await relay.auth.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
  });

  it('cannot manage keys or two-factor without the account scope', async () => {
    const docsKey = (await createKey(['docs:read', 'docs:write'])).json.key as string;
    for (const [method, path, json] of [
      ['POST', '/api/keys', { name: 'escalate', scopes: ['account'] }],
      ['GET', '/api/keys', undefined],
      ['DELETE', '/api/keys/whatever', undefined],
      ['POST', '/api/auth/totp/enroll', undefined],
      ['POST', '/api/auth/totp/disable', { code: '123456' }],
    ] as const) {
      const answer = await relay.call(method, path, { token: docsKey, json });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.json.error?.message).toMatch(/'account' scope/);
    }
    expect(await relay.db.all('SELECT id FROM api_keys')).toHaveLength(1);
  });

  it('with the account scope may manage keys, but not create one with more rights', async () => {
    const accountKey = (await createKey(['account'])).json.key as string;
    expect((await relay.call('GET', '/api/keys', { token: accountKey })).status).toBe(200);
    expect((await createKey(['account'], accountKey)).status).toBe(201);
    const wider = await createKey(['docs:write'], accountKey);
    expect(wider.status).toBe(403);
  });

  it('revokes a key at once and emits credential-revoked', async () => {
    const created = await createKey(['docs:read']);
    const key = created.json.key as string;
    expect((await relay.call('GET', '/api/me', { token: key })).status).toBe(200);
    const revoked = await relay.call('DELETE', `/api/keys/${created.json.id as string}`, { token });
    expect(revoked.status).toBe(204);
    expect(relay.revoked).toEqual([{ userId, keyId: created.json.id }]);
    expect((await relay.call('GET', '/api/me', { token: key })).status).toBe(401);
    expect((await relay.call('GET', '/api/keys', { token })).json.keys).toEqual([]);
    expect((await relay.call('DELETE', `/api/keys/${created.json.id as string}`, { token })).status).toBe(
      404,
    );
  });

  it("cannot revoke another user's key", async () => {
    const created = await createKey(['docs:read']);
    const other = await register(relay, 'other@example.com');
    const answer = await relay.call('DELETE', `/api/keys/${created.json.id as string}`, {
      token: other.accessToken,
    });
    expect(answer.status).toBe(404);
    expect(await relay.auth.authenticate(created.json.key as string)).not.toBeNull();
  });

  it('validates name and scopes', async () => {
    expect((await createKey([])).status).toBe(400);
    expect((await createKey(['admin'])).status).toBe(400);
    const noName = await relay.call('POST', '/api/keys', {
      token,
      json: { name: '', scopes: ['docs:read'] },
    });
    expect(noName.status).toBe(400);
    expect(
      (await relay.call('POST', '/api/keys', { json: { name: 'x', scopes: ['docs:read'] } })).status,
    ).toBe(401);
  });
});
