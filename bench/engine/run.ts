/**
 * `npm run bench:engine [-- --rows 1e7 --runs 3 --engines a,b --out FILE]`
 *
 *   generate / reuse H2O CSV ──► for each engine, one at a time:
 *     start ─► csv import ─► profile ─► q1…q10 ─► parquet load ─► f1…f5 ─► close
 *   ──► cross-check answers ──► print table ──► write JSON
 *
 * Reports timings only; it never fails on a slow engine (see README.md for the goals).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, UsageError } from './cli-args.ts';
import { findMismatches } from './checks.ts';
import { skipReason } from './engines.ts';
import { ensureH2oData, rowsLabel } from './h2o-data.ts';
import { watchOtherLoad } from './machine-load.ts';
import { type EngineResult, measureEngine, messageOf } from './measure.ts';
import { formatReport, summarizeRatios } from './report.ts';
import { roundMs } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PARQUET = path.join(ROOT, 'node_modules/vega-datasets/data/flights-3m.parquet');

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const log = (line: string): void => console.error(`  ${line}`);

  console.error(`H2O groupby data: ${rowsLabel(options.rows)} rows…`);
  const csv = await ensureH2oData(options.rows, path.resolve(ROOT, options.dataDir));
  console.error(
    csv.generatedMs !== undefined
      ? `  generated ${csv.path} (${(csv.bytes / 1e6).toFixed(1)} MB) in ${(csv.generatedMs / 1000).toFixed(1)} s`
      : `  using cached ${csv.path} (${(csv.bytes / 1e6).toFixed(1)} MB)`,
  );

  const results: EngineResult[] = [];
  for (const engine of options.engines) {
    const reason = skipReason(engine, options.rows, options.enginesExplicit);
    if (reason !== undefined) {
      console.error(`${engine}: skipped (${reason})`);
      results.push({ engine, status: 'skipped', reason, groupby: {}, flights: {} });
      continue;
    }
    console.error(`${engine}:`);
    const otherLoad = watchOtherLoad();
    const result = await measureEngine(engine, { runs: options.runs, csv, parquetPath: PARQUET, log });
    result.otherProcessCores = otherLoad();
    if (result.status === 'failed') console.error(`  failed (${result.reason})`);
    results.push(result);
  }

  const mismatches = findMismatches(results);
  const title =
    `Engine benchmark: H2O groupby on ${rowsLabel(options.rows)} rows (${(csv.bytes / 1e6).toFixed(1)} MB CSV) ` +
    `and flights-3m.parquet; median of ${options.runs} run(s); ${os.availableParallelism()} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`\n${formatReport(results, mismatches, title)}`);

  const out = path.resolve(ROOT, options.out);
  await mkdir(path.dirname(out), { recursive: true });
  const report = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryBytes: os.totalmem(),
      rows: options.rows,
      runs: options.runs,
      csv: {
        path: path.relative(ROOT, csv.path),
        bytes: csv.bytes,
        generatedMs: csv.generatedMs && roundMs(csv.generatedMs),
      },
      parquet: path.relative(ROOT, PARQUET),
    },
    engines: results,
    ratios: summarizeRatios(results),
    mismatches,
  };
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof UsageError ? `${error.message}\n${USAGE}` : `bench failed: ${messageOf(error)}`,
  );
  process.exitCode = 1;
});
