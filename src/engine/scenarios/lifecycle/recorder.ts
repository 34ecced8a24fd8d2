import type { CheckId } from '../../../model/check-id.js';
import { isFailure, levelOf, type Finding } from '../../../model/finding.js';
import type { Exchange } from '../../../model/exchange.js';

const MAX_FINDINGS = 5;

/** Everything seen for one (operation, check) pair over every sequence of the lifecycle run. */
export interface PairLog {
  /** Exchanges the check judged and found conformant. */
  passes: number;
  example: Exchange | undefined;
  findings: Finding[];
  /** Findings beyond the ones kept. */
  moreFindings: number;
  failing: Exchange[];
  /** The first sequence that broke the rule, up to the failing command, and what ran it. */
  firstFailure: { trace: string[]; source: string } | undefined;
  /** The first advisory finding (a departure from the spec's own reading), with its exchange. */
  advisory?: { finding: Finding; exchange: Exchange };
  /** Exchanges that gave the check nothing to judge (and the first note why). */
  notApplicable: number;
  notApplicableWhy?: string;
}

/** The shrunk counterexample of the generated sequences, for the pairs its last failure broke. */
export interface Counterexample {
  trace: string[];
  pairs: Set<string>;
  firstLength: number;
  numShrinks: number;
  path: string;
  replayPath: string | undefined;
}

export const pairKey = (operationId: string, checkId: string): string => `${operationId}/${checkId}`;

/**
 * Collects what the lifecycle saw, across fast-check's runs, its shrinking and the fixed walks: per pair the
 * passes, the findings (a few, with a count) and the first failing sequence. Outcomes are built from it once.
 */
export class LifecycleRecorder {
  readonly pairs = new Map<string, PairLog>();
  /** List operations that answered 5xx: not asked again, so an unavailable list costs one wait, not fifty. */
  readonly unavailable = new Set<string>();
  /** Which sequence is running, for the report ("a generated sequence", "the sharing walk"). */
  source = '';
  stopped: { kind: 'skip' | 'error' | 'harness'; message: string } | undefined;
  counterexample: Counterexample | undefined;
  /** Set when the generated sequences ran out of their time budget (later ones and shrinking were cut). */
  outOfTime = false;
  /** Length of the first generated sequence that failed, before shrinking. */
  firstFailingLength: number | undefined;
  /** Sequences fast-check tried while shrinking (bounded by `SHRINK_LIMIT`). */
  shrinkAttempts = 0;
  /** Commands of the fixed walks an earlier deviation left without their precondition ("read-deleted of the fixed image walk"). */
  readonly unreached: string[] = [];

  /** The pairs some sequence found broken, for a rule that could not be reached because of them. */
  failingPairs(): string[] {
    return [...this.pairs].filter(([, log]) => log.findings.length > 0).map(([key]) => key);
  }

  record(exchange: Exchange, checkId: CheckId, findings: Finding[], trace: () => string[], operationId = exchange.operation.operationId): void {
    const key = pairKey(operationId, checkId);
    let log = this.pairs.get(key);
    if (!log) {
      log = { passes: 0, example: undefined, findings: [], moreFindings: 0, failing: [], firstFailure: undefined, notApplicable: 0 };
      this.pairs.set(key, log);
    }
    const advisory = findings.find((f) => levelOf(f) === 'advisory');
    if (advisory) log.advisory ??= { finding: advisory, exchange };
    const note = findings.find((f) => levelOf(f) === 'not-applicable');
    if (note && findings.length === 1) {
      log.notApplicable++;
      log.notApplicableWhy ??= note.message;
      return;
    }
    findings = findings.filter(isFailure);
    if (findings.length === 0) {
      log.passes++;
      log.example ??= exchange;
      return;
    }
    const room = MAX_FINDINGS - log.findings.length;
    log.findings.push(...findings.slice(0, Math.max(0, room)));
    log.moreFindings += Math.max(0, findings.length - Math.max(0, room));
    if (log.failing.length < MAX_FINDINGS) log.failing.push(exchange);
    log.firstFailure ??= { trace: trace(), source: this.source };
  }

  stop(kind: 'skip' | 'error' | 'harness', message: string): void {
    this.stopped ??= { kind, message };
  }
}
