import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, DOC_ACTIONS, ROLES, type DocAction, type Role } from '../src/docs-api/docs-service.ts';
import { principalFor, startDocsRelay, type DocsTestRelay } from './docs-harness.ts';

/** The matrix as the product defines it, written out independently of roles.ts so a change there fails here. */
const ALLOWED: Record<Role, readonly DocAction[]> = {
  owner: ['read', 'comment', 'edit', 'manage-members', 'rename', 'delete', 'restore-version', 'publish-data'],
  editor: ['read', 'comment', 'edit', 'manage-members', 'rename', 'restore-version'],
  commenter: ['read', 'comment'],
  viewer: ['read'],
};

it.each(ROLES.flatMap((role) => DOC_ACTIONS.map((action) => [role, action] as const)))(
  'can(%s, %s)',
  (role, action) => {
    expect(can(role, action)).toBe(ALLOWED[role].includes(action));
  },
);

/** Callers of the REST matrix and the role each should end up with (null: none). */
const CALLERS = [
  { name: 'owner', as: 'user:owner', role: 'owner' },
  { name: 'editor', as: 'user:editor', role: 'editor' },
  { name: 'commenter', as: 'user:commenter', role: 'commenter' },
  { name: 'viewer', as: 'user:viewer', role: 'viewer' },
  { name: 'non-member', as: 'user:stranger', role: null },
  // An editor's API key with only docs:read is capped at viewer.
  { name: 'docs:read key', as: 'key:keyholder:docs:read', role: 'viewer' },
] as const satisfies readonly { name: string; as: string; role: Role | null }[];

interface Fixture {
  docId: string;
  /** A viewer member the member cases act on. */
  targetId: string;
  inviteId: string;
  /** A team granted viewer on the doc, whose only member is the owner. */
  grantedTeamId: string;
}

interface Case {
  name: string;
  action: DocAction;
  status: number;
  send: (fx: Fixture) => [method: string, path: string, body?: unknown];
}

const CASES: Case[] = [
  { name: 'GET doc', action: 'read', status: 200, send: (f) => ['GET', `/api/docs/${f.docId}`] },
  { name: 'GET members', action: 'read', status: 200, send: (f) => ['GET', `/api/docs/${f.docId}/members`] },
  { name: 'GET teams', action: 'read', status: 200, send: (f) => ['GET', `/api/docs/${f.docId}/teams`] },
  {
    name: 'GET activity',
    action: 'read',
    status: 200,
    send: (f) => ['GET', `/api/docs/${f.docId}/activity`],
  },
  {
    name: 'rename',
    action: 'rename',
    status: 200,
    send: (f) => ['PATCH', `/api/docs/${f.docId}`, { name: 'Renamed' }],
  },
  {
    name: 'add member',
    action: 'manage-members',
    status: 201,
    send: (f) => ['POST', `/api/docs/${f.docId}/members`, { email: 'newcomer@example.com', role: 'viewer' }],
  },
  {
    name: 'change member',
    action: 'manage-members',
    status: 200,
    send: (f) => ['PATCH', `/api/docs/${f.docId}/members/${f.targetId}`, { role: 'commenter' }],
  },
  {
    name: 'remove member',
    action: 'manage-members',
    status: 204,
    send: (f) => ['DELETE', `/api/docs/${f.docId}/members/${f.targetId}`],
  },
  {
    name: 'create invite',
    action: 'manage-members',
    status: 201,
    send: (f) => ['POST', `/api/docs/${f.docId}/invites`, { role: 'viewer', expiresInHours: 24 }],
  },
  {
    name: 'list invites',
    action: 'manage-members',
    status: 200,
    send: (f) => ['GET', `/api/docs/${f.docId}/invites`],
  },
  {
    name: 'revoke invite',
    action: 'manage-members',
    status: 204,
    send: (f) => ['DELETE', `/api/docs/${f.docId}/invites/${f.inviteId}`],
  },
  {
    name: 'grant team',
    action: 'manage-members',
    status: 200,
    send: (f) => ['POST', `/api/docs/${f.docId}/teams`, { teamId: SHARED_TEAM.id, role: 'viewer' }],
  },
  {
    name: 'remove team',
    action: 'manage-members',
    status: 204,
    send: (f) => ['DELETE', `/api/docs/${f.docId}/teams/${f.grantedTeamId}`],
  },
  { name: 'delete doc', action: 'delete', status: 204, send: (f) => ['DELETE', `/api/docs/${f.docId}`] },
];

/** A team everyone in the matrix belongs to, so granting it depends only on the doc role. */
const SHARED_TEAM = { id: '' };

let relay: DocsTestRelay;

beforeAll(async () => {
  relay = await startDocsRelay();
  for (const id of ['owner', 'editor', 'commenter', 'viewer', 'stranger', 'keyholder', 'target', 'newcomer'])
    await relay.user(id);
  const team = await relay.request('POST', '/api/teams', 'user:owner', { name: 'Everyone' });
  SHARED_TEAM.id = (team.json as { id: string }).id;
  for (const id of ['editor', 'commenter', 'viewer', 'stranger', 'keyholder']) {
    const added = await relay.request('POST', `/api/teams/${SHARED_TEAM.id}/members`, 'user:owner', {
      email: `${id}@example.com`,
      role: 'member',
    });
    expect(added.status).toBe(200);
  }
});

afterAll(async () => relay.close());

async function fixture(): Promise<Fixture> {
  const created = await relay.request('POST', '/api/docs', 'user:owner', { name: 'Matrix' });
  expect(created.status).toBe(201);
  const docId = (created.json as { id: string }).id;
  const members: [string, Role][] = [
    ['editor', 'editor'],
    ['commenter', 'commenter'],
    ['viewer', 'viewer'],
    ['keyholder', 'editor'],
    ['target', 'viewer'],
  ];
  for (const [id, role] of members) {
    const added = await relay.request('POST', `/api/docs/${docId}/members`, 'user:owner', {
      email: `${id}@example.com`,
      role,
    });
    expect(added.status).toBe(201);
  }
  const invite = await relay.request('POST', `/api/docs/${docId}/invites`, 'user:owner', {
    role: 'viewer',
    expiresInHours: 1,
  });
  const team = await relay.request('POST', '/api/teams', 'user:owner', { name: 'Owner only' });
  const grantedTeamId = (team.json as { id: string }).id;
  const grant = await relay.request('POST', `/api/docs/${docId}/teams`, 'user:owner', {
    teamId: grantedTeamId,
    role: 'viewer',
  });
  expect(grant.status).toBe(200);
  return { docId, targetId: 'target', inviteId: (invite.json as { id: string }).id, grantedTeamId };
}

describe('REST auth matrix', () => {
  const table = CALLERS.flatMap((caller) => CASES.map((c) => ({ caller, c })));
  it.each(table.map((row) => [row.caller.name, row.c.name, row] as const))(
    '%s → %s',
    async (_, __, { caller, c }) => {
      const fx = await fixture();
      expect(await relay.docs.roleFor(fx.docId, principalFor(caller.as)!)).toBe(caller.role);
      const allowed = caller.role !== null && ALLOWED[caller.role].includes(c.action);
      if (caller.role !== null) expect(can(caller.role, c.action)).toBe(allowed);
      const expected = caller.role === null ? 404 : allowed ? c.status : 403;
      const [method, path, body] = c.send(fx);
      const answer = await relay.request(method, path, caller.as, body);
      expect({ status: answer.status, body: answer.json }).toMatchObject({ status: expected });
      if (expected >= 400)
        expect((answer.json as { error: { code: string } }).error.code).toBe(
          expected === 404 ? 'not_found' : 'forbidden',
        );
    },
  );

  it('lists every case for every caller', () => {
    expect(table).toHaveLength(CALLERS.length * CASES.length);
    // Every REST-reachable action in the matrix is exercised by at least one case.
    expect(new Set(CASES.map((c) => c.action))).toEqual(
      new Set(['read', 'rename', 'manage-members', 'delete']),
    );
  });
});

describe('OpenAPI', () => {
  it('documents every route with its tag, body and response schema', () => {
    const doc = relay.router.openapi({ title: 'Facet relay', version: 'test' }) as {
      paths: Record<
        string,
        Record<
          string,
          { tags: string[]; requestBody?: unknown; responses: Record<string, { content?: unknown }> }
        >
      >;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations).toHaveLength(relay.docs.routes.length);
    expect(new Set(operations.flatMap((o) => o.op.tags))).toEqual(
      new Set(['docs', 'members', 'invites', 'teams', 'activity']),
    );
    const create = doc.paths['/api/docs']!.post!;
    expect(create.requestBody).toMatchObject({
      content: {
        'application/json': { schema: { properties: { name: { type: 'string', maxLength: 200 } } } },
      },
    });
    expect(create.responses['201']?.content).toBeDefined();
    for (const { op, method } of operations)
      if (method !== 'delete') expect(Object.values(op.responses)[0]?.content).toBeDefined();
  });
});

describe('credentials', () => {
  it('refuses requests without credentials with 401', async () => {
    const fx = await fixture();
    for (const c of CASES) {
      const [method, path, body] = c.send(fx);
      expect((await relay.request(method, path, null, body)).status, c.name).toBe(401);
    }
  });

  it('refuses a key without docs:write for creating documents and teams, and one without docs:read for reading', async () => {
    expect((await relay.request('POST', '/api/docs', 'key:owner:docs:read', { name: 'x' })).status).toBe(403);
    expect((await relay.request('POST', '/api/teams', 'key:owner:docs:read', { name: 'x' })).status).toBe(
      403,
    );
    expect((await relay.request('GET', '/api/docs', 'key:owner:account')).status).toBe(403);
    const fx = await fixture();
    expect(await relay.docs.roleFor(fx.docId, principalFor('key:owner:account')!)).toBeNull();
    expect(await relay.docs.roleFor(fx.docId, principalFor('key:owner:docs:read,docs:write')!)).toBe('owner');
    const listed = await relay.request('GET', '/api/docs', 'key:owner:docs:read');
    expect((listed.json as { id: string; role: Role }[]).find((d) => d.id === fx.docId)?.role).toBe('viewer');
  });
});
