import type { Finding } from '../checks/finding.js';
import type { Exchange } from './exchange.js';
import { showValue, type PropertySample, type PropertyVerdict } from './property.js';
import { errored, passed, skipped, type CheckOutcome, type ResultStatus } from './results.js';

export interface OutcomeWording<T> {
  /** What the example was, e.g. `invalid body (maxLength /name)`. */
  describe: (value: T) => string;
  /** The shown counterexample (the request body, the query…); defaults to the whole value. */
  shown?: (value: T) => unknown;
  /** The replay line; `path` is fast-check's path to the shrunk counterexample when there is one. */
  replay: (path?: string) => string;
}

function failedWith<T>(checkId: string, sample: PropertySample<T>, wording: OutcomeWording<T>, note: string, path?: string): CheckOutcome {
  const mine = sample.findings.filter((f) => f.checkId === checkId);
  const what = mine.map((f) => f.message).join(' ');
  const shown = showValue(wording.shown ? wording.shown(sample.value) : sample.value);
  return {
    checkId,
    status: 'failed',
    message: `${wording.describe(sample.value)}: ${what} Counterexample${note}: ${shown}. ${wording.replay(path)}`,
    findings: mine,
    exchanges: [sample.exchange],
  };
}

/**
 * One outcome per check id from a property's verdict: failed on the shrunk counterexample (or, for a check
 * only an earlier example broke, on that one), skipped/error when the property could not run, else passed.
 */
export function propertyOutcomes<T>(checkIds: readonly string[], verdict: PropertyVerdict<T>, wording: OutcomeWording<T>): CheckOutcome[] {
  return checkIds.map((id) => {
    const { failure } = verdict;
    if (failure?.findings.some((f) => f.checkId === id)) return failedWith(id, failure, wording, failure.shrinks > 0 ? ` (shrunk ${failure.shrinks}×)` : '', failure.path);
    const first = verdict.firstByCheck.get(id);
    if (first) return failedWith(id, first, wording, ' (first failing example, before shrinking)');
    if (verdict.aborted) return verdict.aborted.kind === 'skip' ? skipped(id, verdict.aborted.message) : errored(id, verdict.aborted.message);
    return passed(id, verdict.example ? [verdict.example] : []);
  });
}

/** One outcome per check id from a single probe's exchange, its findings prefixed with what the probe sent. */
export function probeOutcomes(checkIds: readonly string[], exchange: Exchange, findings: Finding[], label: string, replay: string): CheckOutcome[] {
  return checkIds.map((id) => {
    const mine = findings.filter((f) => f.checkId === id);
    if (mine.length === 0) return passed(id, [exchange]);
    return { checkId: id, status: 'failed', message: `${label}: ${mine.map((f) => f.message).join(' ')} ${replay}`, findings: mine, exchanges: [exchange] };
  });
}

const RANK: Record<ResultStatus, number> = { skipped: 0, passed: 1, error: 2, failed: 3 };

/**
 * Merges outcomes of the same check id (a scenario that probes several ways reports each check once): the
 * worst status wins, messages of that status are joined, findings and exchanges of failures are kept.
 */
export function mergeOutcomes(outcomes: readonly CheckOutcome[]): CheckOutcome[] {
  const merged = new Map<string, CheckOutcome>();
  for (const o of outcomes) {
    const seen = merged.get(o.checkId);
    if (!seen || RANK[o.status] > RANK[seen.status]) merged.set(o.checkId, { ...o, findings: [...o.findings], exchanges: [...o.exchanges] });
    else if (o.status === seen.status && o.status !== 'passed') {
      if (o.message && !seen.message.includes(o.message)) seen.message = seen.message ? `${seen.message} | ${o.message}` : o.message;
      seen.findings.push(...o.findings);
      seen.exchanges.push(...o.exchanges);
    }
  }
  return [...merged.values()];
}
