import { bytes, int, type Db, type Queryable } from '../db/db.ts';
import { newId } from '../docs-api/ids.ts';

/** How a version came to be: saved by a person, saved by the app on a schedule, or kept before a restore. */
export type VersionKind = 'manual' | 'auto' | 'restore-point';
export const VERSION_KINDS = ['manual', 'auto', 'restore-point'] as const satisfies readonly VersionKind[];

/** A stored version without its state. */
export interface VersionMeta {
  id: string;
  docId: string;
  name: string;
  kind: VersionKind;
  /** Bytes of the stored Yjs state. */
  size: number;
  createdBy: { id: string; name: string } | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

type MetaRow = {
  id: string;
  doc_id: string;
  name: string;
  kind: string;
  size: unknown;
  created_by: string | null;
  creator_name: string | null;
  created_at: unknown;
};

const SELECT_META = `SELECT v.id, v.doc_id, v.name, v.kind, v.size, v.created_by, u.name AS creator_name, v.created_at
  FROM doc_versions v LEFT JOIN users u ON u.id = v.created_by`;

function toMeta(row: MetaRow): VersionMeta {
  return {
    id: row.id,
    docId: row.doc_id,
    name: row.name,
    kind: (VERSION_KINDS as readonly string[]).includes(row.kind) ? (row.kind as VersionKind) : 'manual',
    size: int(row.size),
    createdBy: row.created_by === null ? null : { id: row.created_by, name: row.creator_name ?? '' },
    createdAt: int(row.created_at),
  };
}

/** The `doc_versions` table: snapshots of a shared document, newest first by insertion order. */
export class VersionStore {
  constructor(private readonly db: Db) {}

  async insert(
    q: Queryable,
    v: {
      docId: string;
      name: string;
      kind: VersionKind;
      state: Uint8Array;
      createdBy: string | null;
      at: number;
    },
  ): Promise<string> {
    const id = newId();
    await q.run(
      'INSERT INTO doc_versions (id, doc_id, name, kind, state, size, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [id, v.docId, v.name, v.kind, v.state, v.state.byteLength, v.createdBy, v.at],
    );
    return id;
  }

  async meta(docId: string, versionId: string): Promise<VersionMeta | undefined> {
    const row = await this.db.get<MetaRow>(`${SELECT_META} WHERE v.doc_id = ? AND v.id = ?`, [
      docId,
      versionId,
    ]);
    return row && toMeta(row);
  }

  /** Newest first; `before` (a version id) pages to older ones. */
  async list(docId: string, limit: number, before?: string): Promise<VersionMeta[]> {
    const rows = before
      ? await this.db.all<MetaRow>(
          `${SELECT_META} WHERE v.doc_id = ? AND v.seq < (SELECT seq FROM doc_versions WHERE id = ? AND doc_id = ?)
             ORDER BY v.seq DESC LIMIT ?`,
          [docId, before, docId, limit],
        )
      : await this.db.all<MetaRow>(`${SELECT_META} WHERE v.doc_id = ? ORDER BY v.seq DESC LIMIT ?`, [
          docId,
          limit,
        ]);
    return rows.map(toMeta);
  }

  async state(docId: string, versionId: string): Promise<Uint8Array | undefined> {
    const row = await this.db.get('SELECT state FROM doc_versions WHERE doc_id = ? AND id = ?', [
      docId,
      versionId,
    ]);
    return row ? bytes(row.state) : undefined;
  }

  async setState(versionId: string, state: Uint8Array): Promise<void> {
    await this.db.run('UPDATE doc_versions SET state = ?, size = ? WHERE id = ?', [
      state,
      state.byteLength,
      versionId,
    ]);
  }

  async delete(docId: string, versionId: string): Promise<boolean> {
    return (
      (await this.db.run('DELETE FROM doc_versions WHERE doc_id = ? AND id = ?', [docId, versionId])) > 0
    );
  }

  async deleteDoc(docId: string): Promise<void> {
    await this.db.run('DELETE FROM doc_versions WHERE doc_id = ?', [docId]);
  }
}
