/**
 * One canvas as a Yjs document, behind typed commands so no caller touches raw Y types.
 *
 *   Y.Doc ─ blocks:   Y.Map<id, Y.Map<field, value | Y.Text>>   (SQL and notes are Y.Text)
 *         ├ glossary: Y.Map<term, { definition, synonyms }>
 *         ├ metrics:  Y.Map<name, { sql, table, timeColumn, format }>
 *         ├ comments: Y.Map<key, JSON>  threads, replies, reactions, thread states (see comment-entries.ts)
 *         └ meta:     Y.Map { schemaVersion }
 *
 * Undo and redo cover only this client's changes (changes made with this doc's origin), so undoing
 * never reverts a collaborator's edit. Anything that arrives malformed (from disk or a relay) is
 * reported by `problems()` and left out of `blocks()`, and is never deleted: a newer client's
 * block types survive an older client.
 */
import * as Y from 'yjs';
import { InvalidArgumentError } from '../errors.ts';
import { commonEnds } from '../text/line-diff.ts';
import {
  type Block,
  type BlockFields,
  type BlockType,
  DEFAULT_SIZE,
  isBlockType,
  REQUIRED_FIELDS,
  TEXT_FIELDS,
} from './blocks.ts';
import { type CanvasComment, type CommentAnchor, CommentStore } from './comments.ts';

export type { CanvasComment } from './comments.ts';

export const SCHEMA_VERSION = 1;

export interface GlossaryTerm {
  definition: string;
  synonyms: string[];
}

export interface MetricDefinition {
  sql: string;
  table: string;
  timeColumn?: string;
  format?: string;
}

export interface DocProblem {
  id: string;
  reason: string;
}

type NewBlock<T extends BlockType> = Partial<Pick<Block, 'x' | 'y' | 'w' | 'h' | 'title'>> & BlockFields[T];

const FRAME_NUMBERS = ['x', 'y', 'w', 'h'] as const;

export class CanvasDoc {
  readonly doc: Y.Doc;
  /** Marks this client's transactions; the undo manager tracks only these. */
  readonly origin: object = { client: 'local' };
  private readonly blocksMap: Y.Map<Y.Map<unknown>>;
  private readonly glossaryMap: Y.Map<GlossaryTerm>;
  private readonly metricsMap: Y.Map<MetricDefinition>;
  private readonly commentsMap: Y.Map<unknown>;
  /** Comment threads: add, reply, edit and delete own, react, resolve and reopen. */
  readonly commentStore: CommentStore;
  private readonly meta: Y.Map<unknown>;
  private readonly undoManager: Y.UndoManager;

  /** A canvas from a Yjs update (a stored snapshot or version). */
  static fromUpdate(update: Uint8Array): CanvasDoc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update, 'load');
    return new CanvasDoc(doc);
  }

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.blocksMap = doc.getMap('blocks');
    this.glossaryMap = doc.getMap('glossary');
    this.metricsMap = doc.getMap('metrics');
    this.commentsMap = doc.getMap('comments');
    this.commentStore = new CommentStore(this.commentsMap, (change) => this.transact(change), newId);
    this.meta = doc.getMap('meta');
    this.migrate();
    this.undoManager = new Y.UndoManager(
      [this.blocksMap, this.glossaryMap, this.metricsMap, this.commentsMap],
      {
        trackedOrigins: new Set([this.origin]),
        captureTimeout: 300,
      },
    );
  }

  /** The document's schema version (migrations bring older docs up to SCHEMA_VERSION). */
  get schemaVersion(): number {
    return Number(this.meta.get('schemaVersion') ?? 0);
  }

  // ── Blocks ──────────────────────────────────────────────────────────────────────────────────

  /** Adds a block and returns its id. */
  add<T extends BlockType>(type: T, init: NewBlock<T>): string {
    if (!isBlockType(type)) throw new InvalidArgumentError(`Unknown block type "${String(type)}".`);
    const id = newId();
    this.transact(() => {
      const block = new Y.Map<unknown>();
      const size = DEFAULT_SIZE[type];
      const frame = { x: 0, y: 0, w: size.w, h: size.h, title: '', ...init, id, type };
      for (const [key, value] of Object.entries(frame)) {
        if (value === undefined) continue;
        block.set(key, TEXT_FIELDS[type].includes(key) ? new Y.Text(String(value)) : value);
      }
      this.blocksMap.set(id, block);
    });
    return id;
  }

  move(id: string, x: number, y: number): void {
    assertFinite({ x, y });
    this.transact(() => {
      const block = this.blockMap(id);
      block.set('x', x);
      block.set('y', y);
    });
  }

  resize(id: string, w: number, h: number): void {
    assertFinite({ w, h });
    if (w <= 0 || h <= 0) throw new InvalidArgumentError('A block needs a positive width and height.');
    this.transact(() => {
      const block = this.blockMap(id);
      block.set('w', w);
      block.set('h', h);
    });
  }

  /** Sets fields of a block; a text field gets the new text by editing only what differs. */
  update(id: string, patch: Record<string, unknown>): void {
    this.transact(() => {
      const block = this.blockMap(id);
      const type = block.get('type') as BlockType;
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'id' || key === 'type') throw new InvalidArgumentError(`A block's ${key} cannot change.`);
        if (FRAME_NUMBERS.includes(key as (typeof FRAME_NUMBERS)[number])) assertFinite({ [key]: value });
        const text = block.get(key);
        if (TEXT_FIELDS[type].includes(key) && text instanceof Y.Text) replaceText(text, String(value));
        else if (value === undefined) block.delete(key);
        else block.set(key, value);
      }
    });
  }

  /** Edits a text field like a keystroke: delete `remove` characters at `index`, insert `insert`. */
  editText(id: string, field: string, index: number, remove: number, insert = ''): void {
    this.transact(() => {
      const text = this.blockMap(id).get(field);
      if (!(text instanceof Y.Text))
        throw new InvalidArgumentError(`Block ${id} has no text field "${field}".`);
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    });
  }

  delete(ids: readonly string[]): void {
    this.transact(() => {
      for (const id of ids) this.blocksMap.delete(id);
    });
  }

  /** Copies a block next to the original; returns the copy's id. */
  duplicate(id: string, offset = 32): string {
    const source = this.block(id);
    if (!source) throw new InvalidArgumentError(`There is no block ${id}.`);
    const { id: _id, type, group: _group, ...rest } = source;
    return this.add(type, { ...(rest as NewBlock<typeof type>), x: source.x + offset, y: source.y + offset });
  }

  /** Puts blocks in one group (so they move together); returns the group id. */
  group(ids: readonly string[], groupId: string = newId()): string {
    this.transact(() => {
      for (const id of ids) this.blockMap(id).set('group', groupId);
    });
    return groupId;
  }

  ungroup(ids: readonly string[]): void {
    this.transact(() => {
      for (const id of ids) this.blockMap(id).delete('group');
    });
  }

  /**
   * Makes the block with `block.id` equal to `block`, creating it if missing. Text fields are edited
   * in place (only the changed middle), so a concurrent edit elsewhere in the text survives.
   */
  put(block: Block): void {
    if (!isBlockType(block.type))
      throw new InvalidArgumentError(`Unknown block type "${String(block.type)}".`);
    this.transact(() => {
      let target = this.blocksMap.get(block.id);
      if (!(target instanceof Y.Map) || target.get('type') !== block.type) {
        target = new Y.Map<unknown>();
        this.blocksMap.set(block.id, target);
      }
      const fields = block as unknown as Record<string, unknown>;
      for (const key of [...target.keys()]) if (!(key in fields)) target.delete(key);
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        const current = target.get(key);
        if (TEXT_FIELDS[block.type].includes(key)) {
          if (current instanceof Y.Text) replaceText(current, String(value));
          else target.set(key, new Y.Text(String(value)));
        } else if (!sameValue(current, value)) target.set(key, value);
      }
    });
  }

  /**
   * The shared text of a block's text field, for collaborative editors (CodeMirror's Yjs binding)
   * that edit it keystroke by keystroke. Everything else goes through the typed commands.
   */
  sharedText(id: string, field: string): Y.Text {
    const text = this.blockMap(id).get(field);
    if (!(text instanceof Y.Text))
      throw new InvalidArgumentError(`Block ${id} has no text field "${field}".`);
    return text;
  }

  /** Calls `listener` after every change to the document (local or remote); returns a stop function. */
  onChange(listener: () => void): () => void {
    const handler = (): void => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  /** Every valid block as a plain object. */
  blocks(): Block[] {
    const blocks: Block[] = [];
    this.blocksMap.forEach((value, id) => {
      const block = readBlock(id, value);
      if (typeof block !== 'string') blocks.push(block);
    });
    return blocks;
  }

  block(id: string): Block | undefined {
    const value = this.blocksMap.get(id);
    if (value === undefined) return undefined;
    const block = readBlock(id, value);
    return typeof block === 'string' ? undefined : block;
  }

  /** Entries that are not valid blocks, with the reason; they are kept in the doc untouched. */
  problems(): DocProblem[] {
    const problems: DocProblem[] = [];
    this.blocksMap.forEach((value, id) => {
      const block = readBlock(id, value);
      if (typeof block === 'string') problems.push({ id, reason: block });
    });
    return problems;
  }

  // ── Glossary and metrics ────────────────────────────────────────────────────────────────────

  setTerm(term: string, definition: GlossaryTerm): void {
    if (!term.trim()) throw new InvalidArgumentError('A glossary term needs a name.');
    this.transact(() =>
      this.glossaryMap.set(term, { definition: definition.definition, synonyms: [...definition.synonyms] }),
    );
  }

  deleteTerm(term: string): void {
    this.transact(() => this.glossaryMap.delete(term));
  }

  glossary(): Record<string, GlossaryTerm> {
    return Object.fromEntries(this.glossaryMap.entries());
  }

  setMetric(name: string, metric: MetricDefinition): void {
    if (!name.trim() || !metric.sql.trim())
      throw new InvalidArgumentError('A metric needs a name and a SQL expression.');
    this.transact(() => this.metricsMap.set(name, { ...metric }));
  }

  deleteMetric(name: string): void {
    this.transact(() => this.metricsMap.delete(name));
  }

  metrics(): Record<string, MetricDefinition> {
    return Object.fromEntries(this.metricsMap.entries());
  }

  // ── Comments ────────────────────────────────────────────────────────────────────────────────

  /** Starts a comment thread on a block (or a chart's data point); returns its id. */
  addComment(comment: CommentAnchor & { author: string; text: string; createdAt?: number }): string {
    const { author, text, createdAt, ...anchor } = comment;
    return this.commentStore.add(anchor, author, text, createdAt === undefined ? {} : { now: createdAt });
  }

  /** Every comment that is well-formed and not deleted, across threads, oldest first. */
  comments(): CanvasComment[] {
    return this.commentStore
      .threads()
      .flatMap((thread) => thread.comments)
      .filter((comment) => !comment.deleted)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  // ── Whole-document state ────────────────────────────────────────────────────────────────────

  /** The whole document as one Yjs update (what a snapshot or a version stores). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Applies an update that came from elsewhere (disk, a relay, a branch); undo does not revert it. */
  applyUpdate(update: Uint8Array, origin: unknown = 'remote'): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  // ── Undo ────────────────────────────────────────────────────────────────────────────────────

  undo(): boolean {
    return this.undoManager.undo() !== null;
  }

  redo(): boolean {
    return this.undoManager.redo() !== null;
  }

  /** Ends the current undo step, so the next change is undone separately. */
  stopCapturing(): void {
    this.undoManager.stopCapturing();
  }

  destroy(): void {
    this.undoManager.destroy();
  }

  private transact(change: () => void): void {
    this.doc.transact(change, this.origin);
  }

  private blockMap(id: string): Y.Map<unknown> {
    const block = this.blocksMap.get(id);
    if (!(block instanceof Y.Map)) throw new InvalidArgumentError(`There is no block ${id}.`);
    return block;
  }

  /** Brings an older document up to SCHEMA_VERSION (version 0 → 1: stamp the version). */
  private migrate(): void {
    if (this.schemaVersion >= SCHEMA_VERSION) return;
    // Migrations are not user edits: they run without this client's origin, so undo skips them.
    this.doc.transact(() => this.meta.set('schemaVersion', SCHEMA_VERSION), 'migration');
  }
}

/** A block, or the reason the entry is not one. */
function readBlock(id: string, value: unknown): Block | string {
  if (!(value instanceof Y.Map)) return 'not a block record';
  const type: unknown = value.get('type');
  if (!isBlockType(type)) return `unknown block type "${String(type)}"`;
  const plain: Record<string, unknown> = {};
  value.forEach((v, key) => {
    plain[key] = v instanceof Y.Text ? v.toString() : v;
  });
  for (const key of FRAME_NUMBERS) {
    if (typeof plain[key] !== 'number' || !Number.isFinite(plain[key])) return `"${key}" is not a number`;
  }
  if ((plain.w as number) <= 0 || (plain.h as number) <= 0) return 'size is not positive';
  if (typeof plain.title !== 'string') plain.title = '';
  for (const [field, kind] of Object.entries(REQUIRED_FIELDS[type])) {
    const v = plain[field];
    if (kind === 'string' ? typeof v !== 'string' : typeof v !== 'object' || v === null) {
      return `${type} block has no valid "${field}"`;
    }
  }
  plain.id = id;
  return plain as unknown as Block;
}

/** Turns `text` into `next` by replacing only the part between their common head and tail. */
function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let { head, tail } = commonEnds(current, next);
  // Never split a surrogate pair (an emoji): Yjs would store the halves as U+FFFD.
  if (head > 0 && isHighSurrogate(current.charCodeAt(head - 1))) head--;
  if (tail > 0 && isLowSurrogate(current.charCodeAt(current.length - tail))) tail--;
  text.delete(head, current.length - head - tail);
  text.insert(head, next.slice(head, next.length - tail));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Structural equality of plain (JSON-like) values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function assertFinite(values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new InvalidArgumentError(`${key} must be a finite number.`);
  }
}

function newId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
