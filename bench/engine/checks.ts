/**
 * A cheap cross-check of the answers: for every question, each engine's row count must equal the
 * reference engine's and each checksum must agree within a relative tolerance, since engines sum
 * floating-point values in different orders.
 */
import { BASELINE } from './engines.ts';
import type { Check } from './peer.ts';
import type { EngineResult, Measurement } from './measure.ts';

/** Relative tolerance of checksums (float sums, medians and correlations differ in the last digits). */
const TOLERANCE = 1e-6;

/** An answer that disagrees with the reference. */
export interface Mismatch {
  part: 'groupby' | 'flights';
  id: string;
  engine: string;
  reference: string;
  expected: Check;
  actual: Check;
}

/** Compares every engine's answers with the baseline's (or the first engine that answered). */
export function findMismatches(results: readonly EngineResult[]): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const part of ['groupby', 'flights'] as const) {
    const ids = new Set(results.flatMap((r) => Object.keys(r[part])));
    for (const id of ids) {
      const answers = results
        .map((r) => ({
          engine: r.engine,
          check: (r[part] as Record<string, Measurement | undefined>)[id]?.check,
        }))
        .filter((a): a is { engine: EngineResult['engine']; check: Check } => a.check !== undefined);
      const reference = answers.find((a) => a.engine === BASELINE) ?? answers[0];
      if (!reference) continue;
      for (const answer of answers) {
        if (answer === reference || agrees(reference.check, answer.check)) continue;
        mismatches.push({
          part,
          id,
          engine: answer.engine,
          reference: reference.engine,
          expected: reference.check,
          actual: answer.check,
        });
      }
    }
  }
  return mismatches;
}

function agrees(expected: Check, actual: Check): boolean {
  if (expected.rows !== actual.rows || expected.sums.length !== actual.sums.length) return false;
  return expected.sums.every((e, i) => close(e, actual.sums[i] ?? Number.NaN));
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}
