import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';
import { makeTeam, raw, ROLE_NAMES, serverErrors, type RoleName, type Team } from './versions-fixture.ts';

/**
 * Every versions and branches route × every role: allowed roles get the route's success status,
 * members without the right 403, non-members 404 (as for a document that does not exist), no
 * credentials 401. An editor's API key with only docs:read counts as a viewer.
 */
let relay: TestRelay;
let team: Team;
let readKey: string;
let versionId: string;
let branchId: string;

type Caller = RoleName | 'anonymous' | 'read-key';
const CALLERS: Caller[] = [...ROLE_NAMES, 'anonymous', 'read-key'];

interface Case {
  name: string;
  allowed: RoleName[];
  ok: number;
  /** Builds the request (creating what it consumes, e.g. a version to delete). */
  send: () => Promise<[method: string, path: string, body?: unknown]>;
}

async function newVersion(): Promise<string> {
  const res = await relay.api('POST', `/api/docs/${team.docId}/versions`, {
    token: team.owner.token,
    json: { name: 'fixture' },
  });
  return (res.body as { id: string }).id;
}

const ALL: RoleName[] = ['owner', 'editor', 'commenter', 'viewer'];
const CASES: Case[] = [
  {
    name: 'save a version',
    allowed: ['owner', 'editor'],
    ok: 201,
    send: () => Promise.resolve(['POST', `/api/docs/${team.docId}/versions`, { name: 'v' }]),
  },
  {
    name: 'list versions',
    allowed: ALL,
    ok: 200,
    send: () => Promise.resolve(['GET', `/api/docs/${team.docId}/versions`]),
  },
  {
    name: 'read a version',
    allowed: ALL,
    ok: 200,
    send: () => Promise.resolve(['GET', `/api/docs/${team.docId}/versions/${versionId}`]),
  },
  {
    name: 'fetch a version’s state',
    allowed: ALL,
    ok: 200,
    send: () => Promise.resolve(['GET', `/api/docs/${team.docId}/versions/${versionId}/state`]),
  },
  {
    name: 'restore a version',
    allowed: ['owner', 'editor'],
    ok: 200,
    send: () => Promise.resolve(['POST', `/api/docs/${team.docId}/versions/${versionId}/restore`]),
  },
  {
    name: 'delete a version',
    allowed: ['owner'],
    ok: 204,
    send: async () => ['DELETE', `/api/docs/${team.docId}/versions/${await newVersion()}`],
  },
  {
    name: 'create a branch',
    allowed: ['owner', 'editor'],
    ok: 201,
    send: () => Promise.resolve(['POST', `/api/docs/${team.docId}/branches`, { name: 'b' }]),
  },
  {
    name: 'list branches',
    allowed: ALL,
    ok: 200,
    send: () => Promise.resolve(['GET', `/api/docs/${team.docId}/branches`]),
  },
  {
    // Members of the branch are the parent's (copied), so this is "edit on the parent".
    name: 'merge a branch',
    allowed: ['owner', 'editor'],
    ok: 200,
    send: () => Promise.resolve(['POST', `/api/docs/${branchId}/merge`]),
  },
];

beforeAll(async () => {
  relay = await startTestRelay();
  team = await makeTeam(relay, 'vmatrix');
  const key = await relay.api('POST', '/api/keys', {
    token: team.editor.token,
    json: { name: 'read only', scopes: ['docs:read'] },
  });
  readKey = (key.body as { key: string }).key;
  versionId = await newVersion();
  const branch = await relay.api('POST', `/api/docs/${team.docId}/branches`, {
    token: team.owner.token,
    json: { name: 'fixture branch' },
  });
  branchId = (branch.body as { id: string }).id;
});
afterAll(async () => {
  await relay.stop();
});

function tokenOf(caller: Caller): string | undefined {
  if (caller === 'anonymous') return undefined;
  if (caller === 'read-key') return readKey;
  return team[caller].token;
}

function expected(c: Case, caller: Caller): number {
  if (caller === 'anonymous') return 401;
  if (caller === 'stranger') return 404;
  const role: RoleName = caller === 'read-key' ? 'viewer' : caller;
  return c.allowed.includes(role) ? c.ok : 403;
}

describe('versions role matrix', () => {
  it.each(CASES.flatMap((c) => CALLERS.map((caller) => [c.name, caller, c] as const)))(
    '%s as %s',
    async (_name, caller, c) => {
      const [method, path, json] = await c.send();
      // Raw: the state route answers with bytes, not JSON.
      const res = await raw(relay, method, path, {
        token: tokenOf(caller),
        ...(json === undefined
          ? {}
          : {
              body: new TextEncoder().encode(JSON.stringify(json)),
              headers: { 'content-type': 'application/json' },
            }),
      });
      expect(res.status).toBe(expected(c, caller));
    },
  );

  it('answered no request with a server error', async () => {
    expect(await serverErrors(relay)).toBe(0);
  });
});
