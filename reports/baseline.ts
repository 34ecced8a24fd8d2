import { readJsonFile, ReportFileError, summaryPath } from './read-report.js';
import type { ReportStatus, RunReport } from './report-model.js';
import { STATUS_ORDER } from './statuses.js';

/** What a baseline needs of a previous summary.json: each result's id and status. */
export interface BaselineResults {
  file: string;
  statuses: Map<string, ReportStatus>;
}

/** Whether a run exited 0 under its own `--fail-on`: only such a night is a baseline (docs/ci.md). */
export const isGreen = (report: Pick<RunReport, 'green'>): boolean | undefined => report.green;

const STATUSES = new Set<string>(STATUS_ORDER);

/** failed and error count as failing; waived does not (a waiver accepted it), nor does skipped. */
export const isFailing = (status: ReportStatus): boolean => status === 'failed' || status === 'error';

/**
 * Reads the previous run's summary.json (or its report directory). Only `results[].id` and `.status` are read,
 * so a summary written by an older version of the tool still serves as a baseline.
 */
export function loadBaseline(path: string): BaselineResults {
  const file = summaryPath(path);
  let value: unknown;
  try {
    value = readJsonFile(file);
  } catch (error) {
    if (error instanceof ReportFileError) throw new ReportFileError(`--baseline ${error.message}`);
    throw error;
  }
  const results = value && typeof value === 'object' ? (value as { results?: unknown }).results : undefined;
  if (!Array.isArray(results)) throw new ReportFileError(`--baseline ${file}: not an ims-conformance summary.json (no results list)`);
  // A failed night compared with would make a regression red one night and green the next: its failures would be
  // "known". Summaries of older versions do not say; they are taken as they are.
  if ((value as { green?: unknown }).green === false)
    throw new ReportFileError(`--baseline ${file}: that run failed; compare with the last run that passed (the last green night), never a failed one`);
  const statuses = new Map<string, ReportStatus>();
  for (const [i, r] of results.entries()) {
    const { id, status } = (r ?? {}) as { id?: unknown; status?: unknown };
    if (typeof id !== 'string' || typeof status !== 'string' || !STATUSES.has(status))
      throw new ReportFileError(`--baseline ${file}: results[${i}] has no id and status of a summary.json`);
    statuses.set(id, status as ReportStatus);
  }
  return { file, statuses };
}

/**
 * Compares the failing results (failed/error) of this run with the baseline's, by result id:
 * - new: failing now, not failing in the baseline (absent from it, or passed, skipped or waived there);
 * - fixed: failing in the baseline and passed now;
 * - unchanged: failing in both;
 * - lost: passed in the baseline, skipped now — a check that no longer runs (a lost fixture, an expired key) proves
 *   nothing any more, so `--fail-on regressions` counts it as a regression like a new failure.
 * A baseline failure this run did not check (outside `--only`/`--shard`, or a check that no longer exists), or
 * that is skipped or waived now, is neither fixed nor unchanged: nothing proves it fixed.
 */
export function compareWithBaseline(report: RunReport, baseline: BaselineResults): RunReport {
  const now = new Map(report.results.map((r) => [r.id, r.status]));
  const wasFailing = (id: string): boolean => {
    const s = baseline.statuses.get(id);
    return s !== undefined && isFailing(s);
  };
  const sorted = (ids: Iterable<string>): string[] => [...ids].sort((a, b) => a.localeCompare(b));
  const failingNow = report.results.filter((r) => isFailing(r.status)).map((r) => r.id);
  return {
    ...report,
    baseline: {
      file: baseline.file,
      new: sorted(failingNow.filter((id) => !wasFailing(id))),
      fixed: sorted([...baseline.statuses.keys()].filter((id) => wasFailing(id) && now.get(id) === 'passed')),
      unchanged: sorted(failingNow.filter(wasFailing)),
      lost: sorted(report.results.filter((r) => r.status === 'skipped' && baseline.statuses.get(r.id) === 'passed').map((r) => r.id)),
    },
  };
}

/** `--fail-on`: `any` fails the run on any failing result, `regressions` only on new ones (needs a baseline). */
export type FailOn = 'any' | 'regressions';

/** The regressions against the baseline: new failures, and results that passed there and are skipped now. */
export const regressionsOf = (baseline: NonNullable<RunReport['baseline']>): string[] => [...baseline.new, ...(baseline.lost ?? [])];

/** True when the run should exit 1 under `failOn`. */
export function failsUnder(report: RunReport, failOn: FailOn): boolean {
  if (failOn === 'regressions' && report.baseline) return regressionsOf(report.baseline).length > 0;
  return report.verdict === 'failed';
}
