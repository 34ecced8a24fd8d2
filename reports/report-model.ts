import type { Finding } from '../src/model/finding.js';
import type { Config } from '../src/config/config.js';
import type { Exchange } from '../src/model/exchange.js';
import type { ResultStatus } from '../src/model/outcome.js';
import type { RunTimings } from './timings.js';
import type { StatusCoverage } from './status-coverage.js';

/** `waived`: failed, but a waiver with a reason (and no past expiry) covers it; shown in every report, never hidden. */
export type ReportStatus = ResultStatus | 'waived';

/** One exchange as reports show it: credentials already replaced, bodies cut to a readable size. */
export interface ReportExchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string>; body: string };
  durationMs?: number;
}

/** One (operation, check) row. `id` (`operationId/checkId`) is stable across versions. */
export interface ReportResult {
  id: string;
  operationId: string;
  method: string;
  path: string;
  area: string;
  check: string;
  status: ReportStatus;
  message: string;
  /** What to fix, from the first finding. */
  hint?: string;
  /** JSON pointer into the spec. */
  specRef?: string;
  /** Re-runs exactly this result: `ims-conformance run --seed S --only id` (+ target/config flags as placeholders). */
  reproduce: string;
  /** The failing exchange as a curl command, credentials replaced by placeholders. */
  curl?: string;
  exchanges: ReportExchange[];
  findings: (Pick<Finding, 'title' | 'message' | 'hint' | 'specRef'> & { level?: Finding['level'] })[];
  waiver?: { reason: string; expires?: string };
  /** The documents the broken expectation rests on, as `title (url)`: a vendor checks the claim there. */
  documentedBy?: string[];
  /** Why parts of a judged result could not run (a pass with some probes skipped says so). */
  skipReasons?: string[];
  /** Set when `--strict` turned an advisory into this failure. */
  strict?: boolean;
}

/** The IAM facts of one operation, so a report renders its scope columns without the spec at hand. */
export interface ReportOperation {
  operationId: string;
  area: string;
  method: string;
  path: string;
  deprecated: boolean;
  actions: string[];
  conditionalActions: string[];
  scopes: { project: boolean; enterpriseProject: boolean };
  profiles: string[];
}

/**
 * What a run was started with that decides which requests it sends: a re-run line or `replay` that leaves one of
 * them out (a --mock-fault, the config file, the seed) re-runs something else.
 */
export interface RerunSettings {
  /** The target URL; none for the embedded mock. */
  target?: string;
  /** The run contract as given (made absolute, so the line works from any directory). */
  config?: string;
  profile: string;
  seed: number;
  runs: number;
  readOnly?: boolean;
  /** The embedded mock's flags. */
  mock?: { faults: string[]; variant?: string; appearDelayMs?: number };
}

/** Everything a run produced, in the shape `summary.json` stores (schema: reports/summary.schema.json). */
export interface RunReport {
  tool: { name: 'ims-conformance'; version: string };
  target: string;
  embedded: boolean;
  profile: string;
  seed: number;
  runs: number;
  runId: string;
  startedAt: string;
  durationMs: number;
  /** `not-judged`: no check judged anything (all skipped, nothing selected); exit 2. */
  verdict: 'passed' | 'failed' | 'not-judged';
  spec: { version: string; hash: string };
  totals: Record<ReportStatus, number>;
  operations: ReportOperation[];
  results: ReportResult[];
  /** Against `--baseline`: which failures are new, fixed, unchanged; which passed results are skipped now (`lost`). */
  baseline?: { file: string; new: string[]; fixed: string[]; unchanged: string[]; lost?: string[] };
  /** What the run was started with that decides its requests: re-run lines and `replay` use it (reports/rerun.ts). */
  rerun?: RerunSettings;
  /** True when the run exited 0 under its `--fail-on` (a baseline for the next run), false when it failed. */
  green?: boolean;
  /** `--shard i/n` when this is one part of a run. */
  shard?: { index: number; count: number };
  /** Per operation, which documented statuses the run observed (reports/status-coverage.ts). */
  statusCoverage?: StatusCoverage;
  /** Where the run's time went: wall, requests, the critical path and the time in waits (reports/timings.ts). */
  timings?: RunTimings;
  /** How the run was configured, so a report says how it was run: every credential replaced (src/config/redact.ts). */
  config?: Config;
}

export type { Exchange };
