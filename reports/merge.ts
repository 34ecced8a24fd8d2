import { retotal } from './build-report.js';
import type { ReportResult, RunReport } from './report-model.js';
import { mergeTimings } from './timings.js';
import { mergeCoverage } from './status-coverage.js';

/** Shard reports that cannot be joined: one line naming the reports and the difference. */
export class MergeError extends Error {}

export interface ShardReport {
  /** Where it was read from, for messages. */
  source: string;
  report: RunReport;
}

/** What every shard of one run shares; the target only counts for real endpoints (each embedded mock has its own port). */
const SAME: { name: string; of: (r: RunReport) => unknown; hint?: string }[] = [
  { name: 'spec hash', of: (r) => r.spec.hash },
  { name: 'seed', of: (r) => r.seed, hint: 'run every shard with the same --seed' },
  { name: 'target', of: (r) => (r.embedded ? '(embedded mock)' : r.target) },
  { name: 'profile', of: (r) => r.profile },
  { name: 'runs', of: (r) => r.runs, hint: 'run every shard with the same --runs' },
  { name: 'tool version', of: (r) => r.tool.version },
  { name: 'shard count', of: (r) => r.shard?.count },
  { name: 'baseline', of: (r) => r.baseline?.file, hint: 'give every shard the same --baseline, or none' },
];

const sortIds = (ids: Iterable<string>): string[] => [...new Set(ids)].sort((a, b) => a.localeCompare(b));

/**
 * Joins the shards of one run into one report: checks that they are shards of the same run (spec, seed, target,
 * profile, runs, tool, shard count, baseline) and that every shard 1..n is there exactly once, concatenates the
 * results, unions the baseline comparisons, and recomputes totals and the verdict.
 */
export function mergeReports(parts: readonly ShardReport[]): RunReport {
  const first = parts[0];
  if (!first) throw new MergeError('nothing to merge: give the report directories of the shards');
  assertShardsOfOneRun(parts, first);
  assertEveryShardOnce(parts, first.report.shard?.count ?? 1);
  const results = concatResults(parts);

  const starts = parts.map((p) => Date.parse(p.report.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...parts.map((p, i) => (starts[i] as number) + p.report.durationMs));
  const { shard: _shard, baseline: _baseline, statusCoverage: _coverage, timings: _timings, green: _green, ...shared } = first.report;
  const coverage = mergeCoverage(parts.map((p) => p.report.statusCoverage));
  const timings = mergeTimings(
    parts.map((p) => p.report.timings),
    end - start,
  );
  const baseline = mergeBaselines(parts, first);
  const merged: RunReport = {
    ...shared,
    runId: [...new Set(parts.map((p) => p.report.runId))].join(','),
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    results,
    ...(coverage ? { statusCoverage: coverage } : {}),
    ...(timings ? { timings } : {}),
    ...(baseline ? { baseline } : {}),
  };
  return retotal(merged);
}

/** Every part must be a shard, and share with the first what makes them one run (SAME). */
function assertShardsOfOneRun(parts: readonly ShardReport[], first: ShardReport): void {
  for (const part of parts) if (!part.report.shard) throw new MergeError(`${part.source} is not a shard (the run had no --shard i/n)`);
  for (const { name, of, hint } of SAME) {
    const other = parts.find((p) => of(p.report) !== of(first.report));
    if (other)
      throw new MergeError(
        `${other.source} and ${first.source} are not shards of one run: ${name} ${JSON.stringify(of(other.report)) ?? 'none'} ≠ ${JSON.stringify(of(first.report)) ?? 'none'}${hint ? ` (${hint})` : ''}`,
      );
  }
}

/** A merge of a partial or doubled shard set would report a run that never happened. */
function assertEveryShardOnce(parts: readonly ShardReport[], count: number): void {
  const byIndex = new Map<number, string>();
  for (const p of parts) {
    const index = p.report.shard?.index ?? 0;
    const twice = byIndex.get(index);
    if (twice !== undefined) throw new MergeError(`shard ${index}/${count} given twice: ${twice} and ${p.source}`);
    byIndex.set(index, p.source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new MergeError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs every shard of the run`,
    );
}

/** The shards' results in id order; a result in two shards means the shards overlap, so the merge refuses. */
function concatResults(parts: readonly ShardReport[]): ReportResult[] {
  const seen = new Map<string, string>();
  const results: ReportResult[] = [];
  for (const p of parts)
    for (const r of p.report.results) {
      const dup = seen.get(r.id);
      if (dup !== undefined) throw new MergeError(`result ${r.id} is in ${dup} and ${p.source}: the shards overlap`);
      seen.set(r.id, p.source);
      results.push(r);
    }
  return results.sort((a, b) => a.id.localeCompare(b.id));
}

/** The union of the shards' baseline comparisons, or undefined when no shard compared against one. */
function mergeBaselines(parts: readonly ShardReport[], first: ShardReport): RunReport['baseline'] {
  const baselines = parts.map((p) => p.report.baseline).filter((b) => b !== undefined);
  if (baselines.length === 0) return undefined;
  return {
    file: first.report.baseline?.file ?? '',
    new: sortIds(baselines.flatMap((b) => b.new)),
    fixed: sortIds(baselines.flatMap((b) => b.fixed)),
    unchanged: sortIds(baselines.flatMap((b) => b.unchanged)),
    lost: sortIds(baselines.flatMap((b) => b.lost ?? [])),
  };
}
