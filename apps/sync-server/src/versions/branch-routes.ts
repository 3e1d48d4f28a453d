import { CanvasDoc, forkDoc, mergeBranch, type MergeReport } from '@facet/engine/common';
import { z } from 'zod';
import { bytes, int } from '../db/db.ts';
import { newId, pathId } from '../docs-api/ids.ts';
import { nameSchema } from '../docs-api/schemas.ts';
import { conflict, notFound } from '../http/http-error.ts';
import { route, type Route } from '../http/router.ts';
import { authorizeDoc } from './doc-access.ts';
import type { VersionsCore } from './versions-service.ts';

const branchView = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string(),
  /** The version the branch was forked from; null when forked from the state at the time. */
  fromVersion: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  /** When it was last merged into its parent. */
  mergedAt: z.number().nullable(),
});
type BranchView = z.infer<typeof branchView>;

type BranchRow = {
  doc_id: string;
  name: string;
  parent_id: string;
  from_version: string | null;
  created_by: string | null;
  created_at: unknown;
  merged_at: unknown;
};

const SELECT_BRANCH = `SELECT b.doc_id, d.name, b.parent_id, b.from_version, b.created_by, b.created_at, b.merged_at
  FROM doc_branches b JOIN docs d ON d.id = b.doc_id WHERE d.deleted_at IS NULL`;

function toView(row: BranchRow): BranchView {
  return {
    id: row.doc_id,
    name: row.name,
    parentId: row.parent_id,
    fromVersion: row.from_version,
    createdBy: row.created_by,
    createdAt: int(row.created_at),
    mergedAt: row.merged_at === null || row.merged_at === undefined ? null : int(row.merged_at),
  };
}

/**
 * Branches: a branch is a document of its own (same members, the creator as owner) forked from a
 * version or the current state of its parent, and merged back by CRDT with a report of the blocks
 * both sides changed.
 */
export function branchRoutes(core: VersionsCore): Route[] {
  const { ctx, store, liveDocs, docs } = core;
  const { db } = ctx;
  const access = { db, docs };

  return [
    route({
      method: 'POST',
      path: '/api/docs/:id/branches',
      summary: 'Branch the document (from a version, or from its current state) into a new document',
      tag: 'versions',
      auth: 'user',
      body: z.object({
        name: nameSchema,
        fromVersion: z
          .string()
          .regex(/^[\x21-\x7e]{1,128}$/, 'Not a version id.')
          .optional(),
      }),
      response: branchView,
      status: 201,
      handler: async ({ params, body, principal }) => {
        const { doc: parent, userId } = await authorizeDoc(access, principal, params.id, 'edit');
        let base: Uint8Array;
        if (body.fromVersion !== undefined) {
          const state = await store.state(parent.id, body.fromVersion);
          if (!state) throw notFound('No such version of this document.');
          base = state;
        } else base = await liveDocs.read(parent.id);
        const fork = forkDoc(base);
        const content = fork.encodeState();
        fork.destroy();
        const now = ctx.now();
        const id = newId();
        await db.transaction(async (tx) => {
          await tx.run(
            'INSERT INTO docs (id, name, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
            [id, body.name, userId, now, now],
          );
          await tx.run(
            `INSERT INTO doc_members (doc_id, user_id, role, added_by, added_at)
               SELECT ?, user_id, role, ?, ? FROM doc_members WHERE doc_id = ? AND user_id <> ?`,
            [id, userId, now, parent.id, userId],
          );
          await tx.run(
            'INSERT INTO doc_members (doc_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)',
            [id, userId, 'owner', userId, now],
          );
          await tx.run(
            'INSERT INTO doc_teams (doc_id, team_id, role) SELECT ?, team_id, role FROM doc_teams WHERE doc_id = ?',
            [id, parent.id],
          );
          await tx.run(
            'INSERT INTO doc_branches (doc_id, parent_id, base_state, from_version, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
            [id, parent.id, base, body.fromVersion ?? null, userId, now],
          );
          // The branch's content goes into its update log in the same transaction as its row, so a branch
          // never exists empty. No one can have the new document loaded yet: its id was made just now.
          await tx.run('INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)', [id, content]);
        });
        await docs.recordActivity(parent.id, userId, 'branch-created', { branchId: id, name: body.name });
        await docs.recordActivity(id, userId, 'doc-created', { name: body.name, branchOf: parent.id });
        core.emit('branch-created', {
          parentId: parent.id,
          branchId: id,
          fromVersion: body.fromVersion ?? null,
          actorId: userId,
        });
        const row = await db.get<BranchRow>(`${SELECT_BRANCH} AND b.doc_id = ?`, [id]);
        if (!row) throw notFound('The branch was deleted as it was created.');
        return toView(row);
      },
    }),

    route({
      method: 'GET',
      path: '/api/docs/:id/branches',
      summary: 'Branches of the document you can read, and the document it is a branch of (if any)',
      tag: 'versions',
      auth: 'user',
      response: z.object({
        parent: z.object({ id: z.string(), name: z.string() }).nullable(),
        branches: z.array(branchView),
      }),
      handler: async ({ params, principal }) => {
        const { doc } = await authorizeDoc(access, principal, params.id, 'read');
        const me = principal!;
        const rows = await db.all<BranchRow>(
          `${SELECT_BRANCH} AND b.parent_id = ? ORDER BY b.created_at, b.doc_id`,
          [doc.id],
        );
        const branches: BranchView[] = [];
        for (const row of rows) if (await docs.roleFor(row.doc_id, me)) branches.push(toView(row));
        const up = await db.get<{ id: string; name: string }>(
          `SELECT d.id, d.name FROM doc_branches b JOIN docs d ON d.id = b.parent_id
             WHERE b.doc_id = ? AND d.deleted_at IS NULL`,
          [doc.id],
        );
        const parent = up && (await docs.roleFor(up.id, me)) ? up : null;
        return { parent, branches };
      },
    }),

    route({
      method: 'POST',
      path: '/api/docs/:branchId/merge',
      summary:
        'Merge this branch into the document it came from (readers of the branch who edit the parent); returns the blocks both sides changed',
      tag: 'versions',
      auth: 'user',
      response: z.object({
        parentId: z.string(),
        branchId: z.string(),
        fromBranch: z.array(z.string()),
        conflicts: z.array(
          z.object({ id: z.string(), label: z.string(), inMain: z.boolean(), inBranch: z.boolean() }),
        ),
      }),
      handler: async ({ params, principal }) => {
        const { doc: branch, userId } = await authorizeDoc(access, principal, params.branchId, 'read');
        const link = await db.get<{ parent_id: string; base_state: unknown }>(
          'SELECT parent_id, base_state FROM doc_branches WHERE doc_id = ?',
          [branch.id],
        );
        if (!link) throw conflict('This document is not a branch; there is nothing to merge it into.');
        const { doc: parent } = await authorizeDoc(access, principal, pathId(link.parent_id), 'edit');
        const branchState = await liveDocs.read(branch.id);
        const theirs = CanvasDoc.fromUpdate(branchState);
        const base = CanvasDoc.fromUpdate(bytes(link.base_state));
        let report: MergeReport | undefined;
        try {
          await liveDocs.edit(parent.id, (live) => {
            const main = new CanvasDoc(live);
            try {
              report = mergeBranch(main, theirs, base);
            } finally {
              main.destroy();
            }
          });
        } finally {
          theirs.destroy();
          base.destroy();
        }
        const merged = report!;
        // The next merge reports only what changed after this one.
        await db.run('UPDATE doc_branches SET base_state = ?, merged_at = ? WHERE doc_id = ?', [
          branchState,
          ctx.now(),
          branch.id,
        ]);
        const detail = {
          branchId: branch.id,
          fromBranch: merged.fromBranch.length,
          conflicts: merged.conflicts.length,
        };
        await docs.recordActivity(parent.id, userId, 'branch-merged', detail);
        await docs.recordActivity(branch.id, userId, 'merged-into-parent', {
          parentId: parent.id,
          ...detail,
        });
        core.emit('branch-merged', {
          parentId: parent.id,
          branchId: branch.id,
          actorId: userId,
          conflicts: merged.conflicts.length,
        });
        return { parentId: parent.id, branchId: branch.id, ...merged };
      },
    }),
  ];
}
