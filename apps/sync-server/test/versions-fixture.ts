import { expect } from 'vitest';
import type { TestRelay } from './harness.ts';

/** A signed-up user of a test relay. */
export type User = Awaited<ReturnType<TestRelay['signUp']>>;

/** One user per role on a fresh document, plus a stranger (for the versions-* and data-* tests). */
export interface Team {
  docId: string;
  owner: User;
  editor: User;
  commenter: User;
  viewer: User;
  stranger: User;
}

export const ROLE_NAMES = ['owner', 'editor', 'commenter', 'viewer', 'stranger'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Signs up five users and shares a new document with four of them, one per role. */
export async function makeTeam(relay: TestRelay, label: string): Promise<Team> {
  const owner = await relay.signUp(`${label}-owner`);
  const docId = await relay.createDoc(owner.token, `${label} canvas`);
  const team = { docId, owner } as Team;
  for (const role of ['editor', 'commenter', 'viewer'] as const) {
    team[role] = await relay.signUp(`${label}-${role}`);
    const res = await relay.api('POST', `/api/docs/${docId}/members`, {
      token: owner.token,
      json: { email: team[role].email, role },
    });
    expect(res.status).toBe(201);
  }
  team.stranger = await relay.signUp(`${label}-stranger`);
  return team;
}

/** A raw request to the relay (binary bodies and custom headers, which `relay.api` does not send). */
export async function raw(
  relay: TestRelay,
  method: string,
  path: string,
  options: { token?: string; body?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; bytes: Uint8Array; json: Record<string, unknown> | null }> {
  const res = await fetch(relay.url + path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body,
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  let json: Record<string, unknown> | null = null;
  if (res.headers.get('content-type')?.startsWith('application/json'))
    json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, bytes, json };
}

/** How many requests the relay answered with each status, from its own HTTP metrics. */
export async function httpAnswers(relay: TestRelay): Promise<Map<string, number>> {
  const text = await relay.metrics.registry.metrics();
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^facet_relay_http_seconds_count\{[^}]*status="(\d+)"[^}]*\} (\d+)$/gm))
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + Number(m[2]));
  return counts;
}

/**
 * Requests the relay answered with a server error (5xx other than 507 Insufficient Storage, which is
 * the quota's answer). Hostile-input tests end by checking this is 0.
 */
export async function serverErrors(relay: TestRelay): Promise<number> {
  const answers = await httpAnswers(relay);
  if (answers.size === 0) throw new Error('no answers counted: did the metrics format change?');
  let n = 0;
  for (const [status, count] of answers) if (status.startsWith('5') && status !== '507') n += count;
  return n;
}
