import type { CheckId, ResultCheckId } from './check-id.js';
import type { Exchange } from './exchange.js';
import { levelOf, type Finding } from './finding.js';
import type { SpecOperation } from './operation.js';

/**
 * What one check of one operation came to:
 * - passed: judged, and the documented expectation held;
 * - failed: the target broke what a document states;
 * - error: the harness broke, nothing was judged;
 * - skipped: could not run (the reason says why: a missing fixture, read-only mode, another profile);
 * - not-applicable: ran, but the answers gave it nothing to judge (shown blank, never ✔);
 * - advisory: the target departed from the spec's own reading where the documents are silent or disagree —
 *   reported, never failing the run unless `--strict`.
 */
export type ResultStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'not-applicable' | 'advisory';

/** The outcome of one check of one scenario, before results of the same (operation, check) are merged. */
export interface CheckOutcome {
  checkId: ResultCheckId;
  status: ResultStatus;
  message: string;
  findings: Finding[];
  exchanges: Exchange[];
  /** Why parts of it could not run, kept whatever the merged status (a pass with skipped probes says so). */
  skipReasons?: string[];
}

/** One row of the report: an (operation, check) pair, merged over every scenario that exercised it. */
export interface CheckResult extends CheckOutcome {
  /** `operationId/checkId`: stable across versions, so waivers and baselines survive renames. */
  id: string;
  operationId: string;
  method: string;
  path: string;
  area: string;
}

/**
 * The one ranking every merge uses (probes of a scenario, scenarios of an (operation, check) pair): the worse
 * status stands. A failure anywhere fails the pair; a harness error outranks what was judged, since a pass would
 * overstate what was checked; an advisory outranks a pass; a pass needs one judged example; a skip outranks
 * "nothing to judge", since it tells the user what to provide.
 */
export const RANK: Record<ResultStatus, number> = { 'not-applicable': 0, skipped: 1, passed: 2, advisory: 3, error: 4, failed: 5 };
const MAX_EXCHANGES = 5;

export const passed = (checkId: CheckId, exchanges: Exchange[] = []): CheckOutcome => ({ checkId, status: 'passed', message: '', findings: [], exchanges });
export const skipped = (checkId: CheckId, reason: string): CheckOutcome => ({
  checkId,
  status: 'skipped',
  message: reason,
  findings: [],
  exchanges: [],
  skipReasons: [reason],
});
export const errored = (checkId: ResultCheckId, message: string, exchanges: Exchange[] = []): CheckOutcome => ({
  checkId,
  status: 'error',
  message,
  findings: [],
  exchanges,
});

/** The status findings of one check earn: any failure fails; else any advisory; else, if every exchange was not judgeable, not applicable. */
export function statusOfFindings(findings: readonly Finding[], judgedExchanges: number): ResultStatus {
  if (findings.some((f) => levelOf(f) === 'failure')) return 'failed';
  if (findings.some((f) => levelOf(f) === 'advisory')) return 'advisory';
  const notApplicable = findings.filter((f) => levelOf(f) === 'not-applicable').length;
  return judgedExchanges > 0 && notApplicable >= judgedExchanges ? 'not-applicable' : 'passed';
}

/**
 * What applying checks came to: their findings, and which check ids actually ran. A check id that did not run
 * has no verdict, whatever the findings say (none): `judged` reports it as a harness error, never as passed.
 */
export interface Judgement {
  findings: Finding[];
  ran: ReadonlySet<CheckId>;
}

/** The message of a check id a scenario reports but never applied: a defect of the suite, not of the target. */
export const NEVER_RAN = 'its check never ran: the scenario reports this id but did not apply the check that judges it (a defect of the suite)';

/** Outcome of applying checks to exchanges (one judgement for all of them); passed only if the check ran. */
export function judged(checkId: CheckId, judgement: Judgement, exchanges: Exchange[]): CheckOutcome {
  if (!judgement.ran.has(checkId)) return errored(checkId, NEVER_RAN, exchanges.slice(0, 1));
  const mine = judgement.findings.filter((f) => f.checkId === checkId);
  const status = statusOfFindings(mine, Math.max(1, exchanges.length));
  if (status === 'passed') return passed(checkId, exchanges.slice(0, 1));
  const shown = status === 'not-applicable' ? mine : mine.filter((f) => levelOf(f) !== 'not-applicable');
  const message = [...new Set(shown.map((f) => f.message))].join(' | ');
  return { checkId, status, message, findings: shown, exchanges: status === 'not-applicable' ? exchanges.slice(0, 1) : exchanges };
}

/**
 * Folds `next` into `into` (same check id) by the one ranking: the worse status takes the message and exchanges,
 * an equal one joins its message; findings of a kept status and every skip reason are kept.
 */
export function mergeInto(into: CheckOutcome, next: CheckOutcome): void {
  const reasons = [...(into.skipReasons ?? []), ...(next.skipReasons ?? [])];
  if (RANK[next.status] > RANK[into.status]) {
    into.status = next.status;
    into.message = next.message;
    into.exchanges = next.exchanges.slice(0, MAX_EXCHANGES);
    into.findings = [...next.findings];
  } else if (next.status === into.status) {
    if (next.status !== 'passed' && next.message && !into.message.includes(next.message))
      into.message = into.message ? `${into.message} | ${next.message}` : next.message;
    if (next.status !== 'passed') {
      into.findings.push(...next.findings);
      into.exchanges = [...into.exchanges, ...next.exchanges].slice(0, MAX_EXCHANGES);
    }
  }
  const unique = [...new Set(reasons)];
  if (unique.length > 0) into.skipReasons = unique;
}

const copyOf = (o: CheckOutcome): CheckOutcome => ({
  ...o,
  findings: [...o.findings],
  exchanges: o.exchanges.slice(0, MAX_EXCHANGES),
  ...(o.skipReasons ? { skipReasons: [...o.skipReasons] } : {}),
});

/** Merges outcomes of the same check id (a scenario that probes several ways reports each check once). */
export function mergeOutcomes(outcomes: readonly CheckOutcome[]): CheckOutcome[] {
  const merged = new Map<string, CheckOutcome>();
  for (const o of outcomes) {
    const seen = merged.get(o.checkId);
    if (seen) mergeInto(seen, o);
    else merged.set(o.checkId, copyOf(o));
  }
  return [...merged.values()];
}

/** Collects outcomes and merges them per (operation, check). */
export class ResultBook {
  private readonly results = new Map<string, CheckResult>();

  record(operation: SpecOperation, outcome: CheckOutcome): void {
    const id = `${operation.operationId}/${outcome.checkId}`;
    const existing = this.results.get(id);
    if (existing) mergeInto(existing, outcome);
    else
      this.results.set(id, {
        id,
        operationId: operation.operationId,
        method: operation.method.toUpperCase(),
        path: operation.path,
        area: operation.area,
        ...copyOf(outcome),
      });
  }

  all(): CheckResult[] {
    return [...this.results.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
