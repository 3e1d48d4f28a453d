import { CanvasDoc, type MergeReport } from '@facet/engine/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestClient, type TestRelay } from './harness.ts';
import { makeTeam, type Team } from './versions-fixture.ts';

/**
 * Branches against a real relay with real providers: a branch is a new document with the parent's
 * members and the fork's content; merging it back reaches clients of the parent at once and reports
 * the blocks both sides changed.
 */
let relay: TestRelay;
let team: Team;
let main: TestClient;
let mainCanvas: CanvasDoc;

type BranchView = {
  id: string;
  name: string;
  parentId: string;
  fromVersion: string | null;
  mergedAt: number | null;
};

beforeAll(async () => {
  relay = await startTestRelay();
  team = await makeTeam(relay, 'branches');
  main = await relay.connect(team.docId, team.owner.token);
  mainCanvas = new CanvasDoc(main.doc);
});
afterAll(async () => {
  mainCanvas.destroy();
  main.destroy();
  await relay.stop();
});

async function branch(name: string, fromVersion?: string, token = team.editor.token): Promise<BranchView> {
  const res = await relay.api('POST', `/api/docs/${team.docId}/branches`, {
    token,
    json: { name, ...(fromVersion ? { fromVersion } : {}) },
  });
  expect(res.status).toBe(201);
  return res.body as unknown as BranchView;
}

async function open(
  docId: string,
  token: string,
): Promise<{ client: TestClient; canvas: CanvasDoc; close(): void }> {
  const client = await relay.connect(docId, token);
  const canvas = new CanvasDoc(client.doc);
  return {
    client,
    canvas,
    close() {
      canvas.destroy();
      client.destroy();
    },
  };
}

describe('branches', () => {
  it('creates a document with the parent’s content and members, the creator as owner', async () => {
    const a = mainCanvas.add('sql', { name: 'a', sql: 'select 1', title: 'A' });
    await main.settled();
    const created = await branch('Experiment ✨ 实验');
    expect(created).toMatchObject({
      name: 'Experiment ✨ 实验',
      parentId: team.docId,
      fromVersion: null,
      mergedAt: null,
    });

    const members = await relay.api('GET', `/api/docs/${created.id}/members`, { token: team.viewer.token });
    const roles = Object.fromEntries(
      (members.body as unknown as { userId: string; role: string }[]).map((m) => [m.userId, m.role]),
    );
    expect(roles).toEqual({
      [team.owner.userId]: 'owner',
      [team.editor.userId]: 'owner',
      [team.commenter.userId]: 'commenter',
      [team.viewer.userId]: 'viewer',
    });
    const doc = await relay.api('GET', `/api/docs/${created.id}`, { token: team.editor.token });
    expect(doc.body).toMatchObject({
      name: 'Experiment ✨ 实验',
      role: 'owner',
      owner: { id: team.editor.userId },
    });
    expect((await relay.api('GET', `/api/docs/${created.id}`, { token: team.stranger.token })).status).toBe(
      404,
    );

    const b = await open(created.id, team.viewer.token);
    expect(b.canvas.block(a)).toMatchObject({ sql: 'select 1' });
    b.close();

    const list = await relay.api('GET', `/api/docs/${team.docId}/branches`, { token: team.viewer.token });
    expect(list.body).toMatchObject({ parent: null, branches: [{ id: created.id }] });
    const up = await relay.api('GET', `/api/docs/${created.id}/branches`, { token: team.viewer.token });
    expect(up.body).toMatchObject({ parent: { id: team.docId }, branches: [] });
  });

  it('forks from a version when asked', async () => {
    const v = await relay.api('POST', `/api/docs/${team.docId}/versions`, {
      token: team.owner.token,
      json: { name: 'v1' },
    });
    const versionId = (v.body as { id: string }).id;
    const later = mainCanvas.add('text', { text: 'added after v1' });
    await main.settled();
    const created = await branch('From v1', versionId);
    expect(created.fromVersion).toBe(versionId);
    const b = await open(created.id, team.editor.token);
    expect(b.canvas.block(later)).toBeUndefined();
    expect(b.canvas.blocks().length).toBe(mainCanvas.blocks().length - 1);
    b.close();
    const missing = await relay.api('POST', `/api/docs/${team.docId}/branches`, {
      token: team.editor.token,
      json: { name: 'x', fromVersion: 'no-such-version' },
    });
    expect(missing.status).toBe(404);
  });

  it('merges back through the live document and lists the blocks changed on both sides', async () => {
    const shared = mainCanvas.add('sql', { name: 'shared', sql: 'select 1', title: 'Shared' });
    const mainOnly = mainCanvas.add('sql', { name: 'main_only', sql: 'select 2' });
    const branchOnly = mainCanvas.add('sql', { name: 'branch_only', sql: 'select 3' });
    await main.settled();
    const created = await branch('Rework');
    const b = await open(created.id, team.editor.token);
    b.canvas.update(shared, { sql: 'select 1 -- from the branch' });
    b.canvas.update(branchOnly, { sql: 'select 33' });
    const fresh = b.canvas.add('chart', { source: 'branch_only', spec: {}, title: 'New chart' });
    await b.client.settled();
    mainCanvas.update(shared, { title: 'Shared (main)' });
    mainCanvas.update(mainOnly, { sql: 'select 22' });
    await main.settled();

    const watcher = await open(team.docId, team.viewer.token);
    const res = await relay.api('POST', `/api/docs/${created.id}/merge`, { token: team.editor.token });
    expect(res.status).toBe(200);
    const report = res.body as unknown as MergeReport & { parentId: string; branchId: string };
    expect(report.parentId).toBe(team.docId);
    expect(new Set(report.fromBranch)).toEqual(new Set([shared, branchOnly, fresh]));
    // Labelled as the branch has it: the title change happened on main.
    expect(report.conflicts).toEqual([{ id: shared, label: 'Shared', inMain: true, inBranch: true }]);

    for (const canvas of [mainCanvas, watcher.canvas]) {
      await expect.poll(() => canvas.block(fresh)?.title).toBe('New chart');
      expect(canvas.block(branchOnly)).toMatchObject({ sql: 'select 33' });
      expect(canvas.block(mainOnly)).toMatchObject({ sql: 'select 22' });
      expect(canvas.block(shared)).toMatchObject({
        sql: 'select 1 -- from the branch',
        title: 'Shared (main)',
      });
    }
    watcher.close();

    // A second merge brings only what changed since the first.
    const again = await relay.api('POST', `/api/docs/${created.id}/merge`, { token: team.owner.token });
    expect(again.body).toMatchObject({ fromBranch: [], conflicts: [] });
    b.canvas.update(branchOnly, { sql: 'select 333' });
    await b.client.settled();
    const third = await relay.api('POST', `/api/docs/${created.id}/merge`, { token: team.owner.token });
    expect(third.body).toMatchObject({ fromBranch: [branchOnly], conflicts: [] });
    await expect.poll(() => (mainCanvas.block(branchOnly) as { sql: string }).sql).toBe('select 333');
    b.close();

    const listed = await relay.api('GET', `/api/docs/${team.docId}/branches`, { token: team.viewer.token });
    const mine = (listed.body as { branches: BranchView[] }).branches.find((x) => x.id === created.id);
    expect(mine?.mergedAt).toEqual(expect.any(Number));
  });

  it('refuses to merge what is not a branch, or into a parent the caller cannot edit', async () => {
    const notBranch = await relay.api('POST', `/api/docs/${team.docId}/merge`, { token: team.owner.token });
    expect(notBranch.status).toBe(409);
    // The viewer owns a branch they could not have created; make one as the editor and give it to them.
    const created = await branch('Viewer-owned');
    const share = await relay.api('PATCH', `/api/docs/${created.id}/members/${team.viewer.userId}`, {
      token: team.editor.token,
      json: { role: 'owner' },
    });
    expect(share.status).toBe(200);
    const res = await relay.api('POST', `/api/docs/${created.id}/merge`, { token: team.viewer.token });
    expect(res.status).toBe(403);
  });
});
