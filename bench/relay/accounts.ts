/**
 * Documents for a phase: on our relay a registered user creates them through the REST API (every
 * client then uses that user's token, which is fine for load); the peer accepts any name and token.
 */
import type { ServerProcess } from './process-stats.ts';

/** A phase's documents and the token its clients present. */
export interface Workspace {
  token: string;
  docNames: string[];
}

let registered = 0;

/** Creates `count` documents on `server` (through the relay's REST API when it is ours). */
export async function createWorkspace(
  server: Pick<ServerProcess, 'kind' | 'url'>,
  count: number,
): Promise<Workspace> {
  if (server.kind === 'peer')
    return { token: 'bench', docNames: Array.from({ length: count }, (_, i) => `doc-${i}`) };
  const { token } = await register(server.url);
  const docNames: string[] = [];
  // A few requests at a time: the relay runs on a small machine next to this process.
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) =>
      createDoc(server.url, token, i + j),
    );
    docNames.push(...(await Promise.all(batch)));
  }
  return { token, docNames };
}

const PASSWORD = 'correct horse battery staple';

/** Registers a fresh user; returns its email and access token. */
export async function register(url: string): Promise<{ email: string; token: string }> {
  const email = `bench-${process.pid}-${++registered}@example.com`;
  const body = await post<{ accessToken: string }>(url, '/api/auth/register', undefined, {
    email,
    password: PASSWORD,
    name: 'Bench',
  });
  return { email, token: body.accessToken };
}

/** Signs a registered user in; tokens name their relay's URL as issuer, so each process needs its own. */
export async function login(url: string, email: string): Promise<string> {
  return (
    await post<{ accessToken: string }>(url, '/api/auth/login', undefined, { email, password: PASSWORD })
  ).accessToken;
}

/** Creates a document owned by the token's user; returns its id. */
export async function createDoc(url: string, token: string, i: number): Promise<string> {
  return (await post<{ id: string }>(url, '/api/docs', token, { name: `Bench ${i}` })).id;
}

async function post<T>(url: string, path: string, token: string | undefined, json: unknown): Promise<T> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(json),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}
