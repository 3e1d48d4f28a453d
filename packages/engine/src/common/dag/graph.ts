/**
 * The dependency graph of a canvas's SQL blocks. Edges come from block references; a cycle is an
 * error naming its blocks. Answers what to re-run after a change (everything downstream, in
 * dependency order) and lineage questions (upstream blocks and source tables, downstream blocks).
 *
 *   sales (table) ──► revenue_by_month ──► top_months ──► chart
 *                                    └──► growth
 */
import { FacetError } from '../errors.ts';
import { isBlankSql, referencedNames, splitStatements } from '../sql/lexer.ts';
import { bindControls, blockReferences } from './references.ts';

/** A block as the graph sees it. Names are compared case-insensitively, like DuckDB identifiers. */
export interface BlockSql {
  name: string;
  sql: string;
}

/** Blocks that depend on each other in a circle. */
export class CycleError extends FacetError {
  constructor(readonly blocks: string[]) {
    super(
      'INVALID_ARGUMENT',
      `These blocks depend on each other in a circle: ${[...blocks, blocks[0]].join(' → ')}.`,
    );
  }
}

export class DependencyGraph {
  private readonly sql = new Map<string, string>();
  private readonly upstreamOf = new Map<string, string[]>();
  private readonly downstreamOf = new Map<string, string[]>();

  constructor(blocks: readonly BlockSql[]) {
    for (const block of blocks) this.sql.set(block.name.toLowerCase(), block.sql);
    const names = new Set(this.sql.keys());
    for (const [name, sql] of this.sql) {
      // A block reading its own name is a one-block cycle, so self-references stay in.
      const refs = blockReferences(sql, names);
      this.upstreamOf.set(name, refs);
      for (const ref of refs) this.downstreamOf.set(ref, [...(this.downstreamOf.get(ref) ?? []), name]);
    }
  }

  /** Every cycle, each as the list of its blocks (empty when the graph is sound). */
  cycles(): string[][] {
    const cycles: string[][] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (name: string): void => {
      state.set(name, 'visiting');
      stack.push(name);
      for (const next of this.upstreamOf.get(name) ?? []) {
        if (state.get(next) === 'visiting') cycles.push(stack.slice(stack.indexOf(next)));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of this.sql.keys()) if (!state.has(name)) visit(name);
    return cycles;
  }

  /** Blocks `name` reads, directly or through others, dependencies first. Throws CycleError. */
  upstream(name: string): string[] {
    const order: string[] = [];
    const visiting = new Set<string>();
    const walk = (current: string, path: string[]): void => {
      for (const dep of this.upstreamOf.get(current) ?? []) {
        if (visiting.has(dep)) throw new CycleError(path.slice(path.indexOf(dep)));
        if (order.includes(dep)) continue;
        visiting.add(dep);
        walk(dep, [...path, dep]);
        visiting.delete(dep);
        order.push(dep);
      }
    };
    const key = name.toLowerCase();
    visiting.add(key);
    walk(key, [key]);
    return order;
  }

  /** Blocks that read `name`, directly or not, in an order that runs each after what it reads. */
  downstream(name: string): string[] {
    const affected = new Set<string>();
    const collect = (current: string): void => {
      for (const next of this.downstreamOf.get(current) ?? []) {
        if (affected.has(next)) continue;
        affected.add(next);
        collect(next);
      }
    };
    collect(name.toLowerCase());
    return this.order([...affected]);
  }

  /** The given blocks sorted so that dependencies come first. Throws CycleError. */
  order(names: readonly string[]): string[] {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const sorted: string[] = [];
    for (const name of wanted) {
      for (const dep of [...this.upstream(name), name]) {
        if (wanted.has(dep) && !sorted.includes(dep)) sorted.push(dep);
      }
    }
    return sorted;
  }

  /** Source tables (not blocks) a block reads, through every upstream block. */
  sources(name: string, tables: readonly string[]): string[] {
    const known = new Set(tables.map((t) => t.toLowerCase()));
    const found = new Set<string>();
    for (const block of [...this.upstream(name), name.toLowerCase()]) {
      for (const word of referencedNames(this.sql.get(block) ?? '')) if (known.has(word)) found.add(word);
    }
    return [...found];
  }

  /** Blocks that read a source table, directly or through other blocks. */
  usersOfSource(table: string): string[] {
    const key = table.toLowerCase();
    const direct = [...this.sql].filter(([, sql]) => referencedNames(sql).has(key)).map(([name]) => name);
    return this.order([...new Set([...direct, ...direct.flatMap((d) => this.downstream(d))])]);
  }

  /**
   * The SQL that runs a block on its own: every block it reads becomes a CTE, in dependency order,
   * and `{{control}}` placeholders become `$control` parameters.
   */
  compile(name: string): { sql: string; controls: string[] } {
    const key = name.toLowerCase();
    if (!this.sql.has(key)) throw new FacetError('INVALID_ARGUMENT', `There is no block named "${name}".`);
    const controls: string[] = [];
    const body = (block: string): string => {
      const text = (this.sql.get(block) ?? '').replace(/[\s;]+$/, '');
      if (isBlankSql(text)) throw new FacetError('INVALID_ARGUMENT', `Block "${block}" has no SQL.`);
      if (splitStatements(text).length > 1) {
        throw new FacetError(
          'INVALID_ARGUMENT',
          `Block "${block}" holds several statements; blocks others read must be one query.`,
        );
      }
      const bound = bindControls(text);
      for (const c of bound.controls) if (!controls.includes(c)) controls.push(c);
      return bound.sql;
    };
    const deps = this.upstream(key);
    const main = body(key);
    if (deps.length === 0) return { sql: main, controls };
    const ctes = deps.map((dep) => `"${dep.replaceAll('"', '""')}" AS (\n${body(dep)}\n)`);
    // A block that has its own WITH joins the list: `WITH deps…, own…` (one WITH per query).
    const own = /^\s*with\s+(recursive\s+)?/i.exec(main);
    if (own) {
      return { sql: `WITH ${own[1] ?? ''}${ctes.join(',\n')},\n${main.slice(own[0].length)}`, controls };
    }
    return { sql: `WITH ${ctes.join(',\n')}\n${main}`, controls };
  }
}
