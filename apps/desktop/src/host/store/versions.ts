/** Stored versions of a canvas: each is the whole document state at one moment, never changed. */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '@facet/engine/common';
import type { Db } from './database.ts';

export type VersionKind = 'named' | 'auto' | 'restore' | 'merge' | 'fork';

export interface VersionInfo {
  id: string;
  canvasId: string;
  kind: VersionKind;
  message: string;
  author: string;
  tag?: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The last update of the log this version includes. */
  seq: number;
  /** For merges: the merge report; for restores: the version restored. */
  details?: unknown;
}

interface VersionRow {
  id: string;
  canvas_id: string;
  kind: VersionKind;
  message: string;
  author: string;
  tag: string | null;
  created_at: number;
  upto_seq: number;
  details: string | null;
}

const COLUMNS = 'id, canvas_id, kind, message, author, tag, created_at, upto_seq, details';

export class VersionStore {
  constructor(private readonly db: Db) {}

  add(
    canvasId: string,
    state: Uint8Array,
    seq: number,
    info: { kind: VersionKind; message: string; author: string; tag?: string; details?: unknown },
  ): VersionInfo {
    const id = randomBytes(6).toString('hex');
    const createdAt = Date.now();
    this.db
      .prepare(`INSERT INTO versions (${COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        id,
        canvasId,
        info.kind,
        info.message,
        info.author,
        info.tag ?? null,
        createdAt,
        seq,
        info.details === undefined ? null : JSON.stringify(info.details),
        Buffer.from(state),
      );
    return this.get(id);
  }

  /** A canvas's versions, newest first. */
  list(canvasId: string): VersionInfo[] {
    return this.db
      .prepare<[string], VersionRow>(
        `SELECT ${COLUMNS} FROM versions WHERE canvas_id = ? ORDER BY created_at DESC, rowid DESC`,
      )
      .all(canvasId)
      .map(toInfo);
  }

  get(id: string): VersionInfo {
    const row = this.db.prepare<[string], VersionRow>(`SELECT ${COLUMNS} FROM versions WHERE id = ?`).get(id);
    if (!row) throw new InvalidArgumentError(`There is no version "${id}".`);
    return toInfo(row);
  }

  /** The document state a version holds. */
  state(id: string): Uint8Array {
    const row = this.db.prepare<[string], { data: Buffer }>('SELECT data FROM versions WHERE id = ?').get(id);
    if (!row) throw new InvalidArgumentError(`There is no version "${id}".`);
    return new Uint8Array(row.data);
  }

  /** The newest version of a canvas, if any. */
  latest(canvasId: string): VersionInfo | undefined {
    const row = this.db
      .prepare<[string], VersionRow>(
        `SELECT ${COLUMNS} FROM versions WHERE canvas_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      )
      .get(canvasId);
    return row && toInfo(row);
  }
}

function toInfo(row: VersionRow): VersionInfo {
  return {
    id: row.id,
    canvasId: row.canvas_id,
    kind: row.kind,
    message: row.message,
    author: row.author,
    ...(row.tag !== null ? { tag: row.tag } : {}),
    createdAt: row.created_at,
    seq: row.upto_seq,
    ...(row.details !== null ? { details: JSON.parse(row.details) as unknown } : {}),
  };
}
