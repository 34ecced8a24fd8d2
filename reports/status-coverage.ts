/**
 * Status coverage: how much of the documented contract a run exercised — per operation, which of its documented
 * statuses the target actually answered, counted over every exchange the suite files sent (retried 429/503
 * answers included), not over the few exchanges a result keeps as evidence.
 */

/** operationId → HTTP status → number of answers with that status. */
export type StatusTally = Record<string, Record<string, number>>;

export interface CoveredStatus {
  status: number;
  /** Answers with this status in the run (0: not observed). */
  count: number;
  /**
   * 5xx: documented because a target may fail, but a healthy target never shows it, so "not observed" is the
   * expected outcome and it is left out of the coverage totals.
   */
  expectedUnobserved: boolean;
}

export interface OperationCoverage {
  operationId: string;
  /** Every documented status of the operation, ascending. */
  statuses: CoveredStatus[];
  /** Statuses the target answered that the operation does not document (status-documented fails those). */
  undocumented: { status: number; count: number }[];
  /** Every answer the operation got in this run. */
  exchanges: number;
}

export interface StatusCoverage {
  /** Documented statuses outside 5xx, over the operations of the run, and how many of them were observed. */
  documented: number;
  observed: number;
  /** Documented 5xx statuses (expected to stay unobserved) and how many nevertheless were. */
  serverErrorsDocumented: number;
  serverErrorsObserved: number;
  operations: OperationCoverage[];
}

/** Adds one answer to a tally (the suite calls this for every exchange, and for every retried attempt's status). */
export function tallyStatus(tally: StatusTally, operationId: string, status: number): void {
  tallyStatusTimes(tally, operationId, String(status), 1);
}

function tallyStatusTimes(tally: StatusTally, operationId: string, status: string, times: number): void {
  const row = tally[operationId] ?? {};
  tally[operationId] = row;
  row[status] = (row[status] ?? 0) + times;
}

/** Sums the tallies of many tests or suite files. */
export function mergeTallies(tallies: readonly (StatusTally | undefined)[]): StatusTally {
  const merged: StatusTally = {};
  for (const tally of tallies)
    for (const [op, row] of Object.entries(tally ?? {})) for (const [status, n] of Object.entries(row)) tallyStatusTimes(merged, op, status, n);
  return merged;
}

const isServerError = (status: number): boolean => status >= 500 && status <= 599;

/**
 * Documented statuses (per operation, from the spec) against the tally. `operations` are the ones the run
 * covered (its results'), so `--only` and shards are not charged for operations they never meant to call.
 */
export function statusCoverage(operations: readonly { operationId: string; statuses: readonly number[] }[], tally: StatusTally): StatusCoverage {
  const rows = operations.map((op): OperationCoverage => {
    const seen = tally[op.operationId] ?? {};
    const statuses = [...op.statuses]
      .sort((a, b) => a - b)
      .map((status) => ({ status, count: seen[String(status)] ?? 0, expectedUnobserved: isServerError(status) }));
    const undocumented = Object.entries(seen)
      .map(([s, count]) => ({ status: Number(s), count }))
      .filter((s) => !op.statuses.includes(s.status))
      .sort((a, b) => a.status - b.status);
    const exchanges = Object.values(seen).reduce((a, b) => a + b, 0);
    return { operationId: op.operationId, statuses, undocumented, exchanges };
  });
  return withTotals(rows);
}

function withTotals(operations: OperationCoverage[]): StatusCoverage {
  const all = operations.flatMap((o) => o.statuses);
  const main = all.filter((s) => !s.expectedUnobserved);
  const server = all.filter((s) => s.expectedUnobserved);
  return {
    documented: main.length,
    observed: main.filter((s) => s.count > 0).length,
    serverErrorsDocumented: server.length,
    serverErrorsObserved: server.filter((s) => s.count > 0).length,
    operations,
  };
}

/** "41 of 57 documented statuses observed (72%)" — the one line the console and summary.md lead with. */
export function coverageHeadline(c: StatusCoverage): string {
  const pct = c.documented === 0 ? 0 : Math.round((100 * c.observed) / c.documented);
  const server =
    c.serverErrorsDocumented > 0 ? `; ${c.serverErrorsObserved} of ${c.serverErrorsDocumented} documented 5xx seen (a healthy target shows none)` : '';
  return `${c.observed} of ${c.documented} documented statuses observed (${pct}%, 5xx aside)${server}`;
}

/** One line per operation: `showImage  200×34 404×12 · not observed: 400 · 5xx unobserved (expected): 500`. */
export function coverageLines(c: StatusCoverage): string[] {
  const width = Math.max(0, ...c.operations.map((o) => o.operationId.length));
  return c.operations.map((o) => {
    const seen = o.statuses.filter((s) => s.count > 0).map((s) => `${s.status}×${s.count}`);
    const missing = o.statuses.filter((s) => s.count === 0 && !s.expectedUnobserved).map((s) => s.status);
    const quiet = o.statuses.filter((s) => s.count === 0 && s.expectedUnobserved).map((s) => s.status);
    const extra = o.undocumented.map((s) => `${s.status}×${s.count}`);
    const parts = [
      seen.length > 0 ? seen.join(' ') : 'nothing observed',
      ...(missing.length > 0 ? [`not observed: ${missing.join(' ')}`] : []),
      ...(quiet.length > 0 ? [`5xx unobserved (expected): ${quiet.join(' ')}`] : []),
      ...(extra.length > 0 ? [`undocumented: ${extra.join(' ')}`] : []),
    ];
    return `${o.operationId.padEnd(width)}  ${parts.join(' · ')}`;
  });
}

/** The summary.md section: the headline and a table, one row per operation. */
export function coverageMarkdown(c: StatusCoverage, heading: string): string[] {
  const cell = (statuses: number[]): string => (statuses.length > 0 ? statuses.join(', ') : '—');
  return [
    `## ${heading}`,
    '',
    `How much of the documented contract this run exercised: ${coverageHeadline(c)}. Counted over every answer the suite received.`,
    '',
    '| operation | answers | observed (status × count) | documented, not observed | 5xx not observed (expected) | undocumented |',
    '|---|---:|---|---|---|---|',
    ...c.operations.map((o) => {
      const seen = o.statuses.filter((s) => s.count > 0).map((s) => `${s.status} × ${s.count}`);
      return `| ${o.operationId} | ${o.exchanges} | ${seen.length > 0 ? seen.join(', ') : '—'} | ${cell(o.statuses.filter((s) => s.count === 0 && !s.expectedUnobserved).map((s) => s.status))} | ${cell(o.statuses.filter((s) => s.count === 0 && s.expectedUnobserved).map((s) => s.status))} | ${o.undocumented.length > 0 ? o.undocumented.map((s) => `${s.status} × ${s.count}`).join(', ') : '—'} |`;
    }),
  ];
}

/**
 * The console's short section: the headline, the least-covered operations and any undocumented status seen;
 * `--verbose` (and summary.md) give every operation's line. Nothing when the report has no coverage.
 */
export function coverageConsoleLines(report: { statusCoverage?: StatusCoverage }, verbose: boolean): string[] {
  const c = report.statusCoverage;
  if (!c) return [];
  const head = `status coverage: ${coverageHeadline(c)}`;
  if (verbose) return [head, ...coverageLines(c).map((l) => `  ${l}`)];
  const ratio = (o: OperationCoverage): [number, number] => {
    const main = o.statuses.filter((s) => !s.expectedUnobserved);
    return [main.filter((s) => s.count > 0).length, main.length];
  };
  const least = c.operations
    .map((o) => ({ o, r: ratio(o) }))
    .filter(({ r }) => r[0] < r[1])
    .sort((a, b) => a.r[0] / a.r[1] - b.r[0] / b.r[1] || a.o.operationId.localeCompare(b.o.operationId))
    .slice(0, 5)
    .map(({ o, r }) => `${o.operationId} ${r[0]}/${r[1]}`);
  const odd = c.operations
    .filter((o) => o.undocumented.length > 0)
    .map((o) => `${o.operationId} ${o.undocumented.map((s) => `${s.status}×${s.count}`).join(' ')}`);
  return [
    head,
    ...(least.length > 0 ? [`  least covered: ${least.join(', ')} — every operation in summary.md (or here with --verbose)`] : []),
    ...(odd.length > 0 ? [`  undocumented statuses seen: ${odd.join('; ')}`] : []),
  ];
}

/**
 * The coverage of a run merged from its shards: shards split the operations, so each operation's row comes from
 * the shard that ran it and the totals are recounted. Undefined when no part has coverage.
 */
export function mergeCoverage(parts: readonly (StatusCoverage | undefined)[]): StatusCoverage | undefined {
  const present = parts.filter((p): p is StatusCoverage => p !== undefined);
  if (present.length === 0) return undefined;
  const byOperation = new Map<string, OperationCoverage>();
  for (const part of present) for (const o of part.operations) if (!byOperation.has(o.operationId)) byOperation.set(o.operationId, o);
  return withTotals([...byOperation.values()].sort((a, b) => a.operationId.localeCompare(b.operationId)));
}
