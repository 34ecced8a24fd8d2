import type { ReportStatus } from './report-model.js';

/**
 * How each result level reads, in one place for the console, the matrix, summary.md and the tests. A result
 * that judged nothing is blank, never ✔; an advisory is visible and never fails the run (unless `--strict`).
 */
export const STATUS_ORDER: readonly ReportStatus[] = ['passed', 'failed', 'error', 'advisory', 'waived', 'skipped', 'not-applicable'];

export const MARK: Record<ReportStatus, string> = { passed: '✔', failed: '✘', error: '!', advisory: 'A', waived: 'W', skipped: '–', 'not-applicable': ' ' };

export const MEANING: Record<ReportStatus, string> = {
  passed: 'passed',
  failed: 'failed',
  error: 'harness error (the check could not be completed)',
  advisory: 'advisory (departs from the spec’s own reading where the documents are silent; never fails the run unless --strict)',
  waived: 'waived (a failure accepted with a reason)',
  skipped: 'skipped (the reason is listed)',
  'not-applicable': 'blank: nothing to judge (the check ran but the answers gave it nothing it could judge, or it does not apply)',
};

/** Statuses that fail a run. */
export const FAILING: ReadonlySet<ReportStatus> = new Set<ReportStatus>(['failed', 'error']);

export const emptyTotals = (): Record<ReportStatus, number> => ({ passed: 0, failed: 0, error: 0, advisory: 0, waived: 0, skipped: 0, 'not-applicable': 0 });
