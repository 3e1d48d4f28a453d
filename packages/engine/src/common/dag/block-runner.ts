/**
 * Re-runs blocks after a change: the changed block, then everything downstream of it, in dependency
 * order. A newer run of a block cancels the older one (its query is aborted and its remaining
 * blocks are skipped), so a fast typist never waits on stale results. Blocks whose upstream failed
 * are not run. Results go through the engine, and so through its result cache.
 */
import { CancelledError, FacetError, toFacetError } from '../errors.ts';
import type { ParamValue } from '../sql/params.ts';
import type { Engine, QueryResult } from '../engine/types.ts';
import type { DependencyGraph } from './graph.ts';

export type BlockRunStatus = 'done' | 'error' | 'cancelled' | 'blocked';

export interface BlockRun {
  block: string;
  status: BlockRunStatus;
  result?: QueryResult;
  error?: FacetError;
}

export class BlockRunner {
  private readonly controllers = new Map<string, AbortController>();
  private readonly latest = new Map<string, symbol>();

  constructor(
    private readonly engine: Engine,
    private readonly graph: () => DependencyGraph,
    private readonly controls: () => Readonly<Record<string, ParamValue>> = () => ({}),
  ) {}

  /** Runs `block` and its downstream blocks in order; reports each as it finishes. */
  async runChanged(block: string, onRun?: (run: BlockRun) => void): Promise<BlockRun[]> {
    const graph = this.graph();
    const blocks = [block.toLowerCase(), ...graph.downstream(block)];
    const token = Symbol(block);
    for (const name of blocks) {
      this.controllers.get(name)?.abort();
      this.latest.set(name, token);
    }
    const runs: BlockRun[] = [];
    const failed = new Set<string>();
    for (const name of blocks) {
      const run = await this.runOne(graph, name, token, failed);
      if (run.status === 'error' || run.status === 'blocked') failed.add(name);
      runs.push(run);
      onRun?.(run);
    }
    return runs;
  }

  /** Cancels every block that is running. */
  cancelAll(): void {
    for (const controller of this.controllers.values()) controller.abort();
    this.latest.clear();
  }

  private async runOne(
    graph: DependencyGraph,
    block: string,
    token: symbol,
    failed: Set<string>,
  ): Promise<BlockRun> {
    if (this.latest.get(block) !== token) return { block, status: 'cancelled' };
    const brokenUpstream = graph.upstream(block).find((up) => failed.has(up));
    if (brokenUpstream !== undefined) {
      return {
        block,
        status: 'blocked',
        error: new FacetError(
          'INVALID_ARGUMENT',
          `Not run: block "${brokenUpstream}", which it reads, failed.`,
        ),
      };
    }
    const controller = new AbortController();
    this.controllers.set(block, controller);
    try {
      const { sql, controls } = graph.compile(block);
      const values = this.controls();
      const params = Object.fromEntries(controls.map((c) => [c, values[c] ?? null]));
      const result = await this.engine.query(sql, { params, signal: controller.signal });
      return this.latest.get(block) === token
        ? { block, status: 'done', result }
        : { block, status: 'cancelled' };
    } catch (error) {
      if (error instanceof CancelledError) return { block, status: 'cancelled' };
      return { block, status: 'error', error: toFacetError(error) };
    } finally {
      if (this.controllers.get(block) === controller) this.controllers.delete(block);
    }
  }
}
