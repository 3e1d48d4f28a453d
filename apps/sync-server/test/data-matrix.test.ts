import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';
import { makeTeam, raw, ROLE_NAMES, serverErrors, type RoleName, type Team } from './versions-fixture.ts';

/**
 * Every published-data route × every role: only owners publish and delete, every member reads,
 * non-members get 404 and callers without credentials 401.
 */
let relay: TestRelay;
let team: Team;
let readKey: string;
let published: string;

type Caller = RoleName | 'anonymous' | 'read-key';
const CALLERS: Caller[] = [...ROLE_NAMES, 'anonymous', 'read-key'];
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function publish(token: string): Promise<{ status: number; hash: string }> {
  const body = randomBytes(256);
  const res = await raw(relay, 'PUT', `/api/docs/${team.docId}/data/${sha(body)}`, {
    token,
    body,
    headers: { 'x-facet-name': 'data.parquet' },
  });
  return { status: res.status, hash: sha(body) };
}

interface Case {
  name: string;
  allowed: RoleName[];
  ok: number;
  run: (token: string | undefined) => Promise<number>;
}

const ALL: RoleName[] = ['owner', 'editor', 'commenter', 'viewer'];
const CASES: Case[] = [
  {
    name: 'publish',
    allowed: ['owner'],
    ok: 201,
    run: async (token) => {
      const body = randomBytes(64);
      return (
        await raw(relay, 'PUT', `/api/docs/${team.docId}/data/${sha(body)}`, {
          token,
          body,
          headers: { 'x-facet-name': 'x' },
        })
      ).status;
    },
  },
  {
    name: 'list',
    allowed: ALL,
    ok: 200,
    run: async (token) => (await raw(relay, 'GET', `/api/docs/${team.docId}/data`, { token })).status,
  },
  {
    name: 'download',
    allowed: ALL,
    ok: 200,
    run: async (token) =>
      (await raw(relay, 'GET', `/api/docs/${team.docId}/data/${published}`, { token })).status,
  },
  {
    name: 'delete',
    allowed: ['owner'],
    ok: 204,
    run: async (token) => {
      const { hash } = await publish(team.owner.token);
      return (await raw(relay, 'DELETE', `/api/docs/${team.docId}/data/${hash}`, { token })).status;
    },
  },
];

beforeAll(async () => {
  relay = await startTestRelay();
  team = await makeTeam(relay, 'dmatrix');
  const key = await relay.api('POST', '/api/keys', {
    token: team.owner.token,
    json: { name: 'read only', scopes: ['docs:read'] },
  });
  readKey = (key.body as { key: string }).key;
  const first = await publish(team.owner.token);
  expect(first.status).toBe(201);
  published = first.hash;
});
afterAll(async () => {
  await relay.stop();
});

function tokenOf(caller: Caller): string | undefined {
  if (caller === 'anonymous') return undefined;
  if (caller === 'read-key') return readKey;
  return team[caller].token;
}

describe('published data role matrix', () => {
  it.each(CASES.flatMap((c) => CALLERS.map((caller) => [c.name, caller, c] as const)))(
    '%s as %s',
    async (_name, caller, c) => {
      // The read-only key belongs to the owner: capped at viewer.
      const role: RoleName | null = caller === 'anonymous' ? null : caller === 'read-key' ? 'viewer' : caller;
      const want = role === null ? 401 : role === 'stranger' ? 404 : c.allowed.includes(role) ? c.ok : 403;
      expect(await c.run(tokenOf(caller))).toBe(want);
    },
  );

  it('answered no request with a server error', async () => {
    expect(await serverErrors(relay)).toBe(0);
  });
});
