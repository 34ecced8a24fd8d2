import { isFailure, levelOf } from '../model/finding.js';
import type { Exchange } from '../model/exchange.js';
import { showValue, type PropertySample, type PropertyVerdict } from './property.js';
import type { CheckId } from '../model/check-id.js';
import { errored, judged, NEVER_RAN, passed, skipped, type CheckOutcome, type Judgement } from '../model/outcome.js';

export { mergeOutcomes } from '../model/outcome.js';

export interface OutcomeWording<T> {
  /** What the example was, e.g. `invalid body (maxLength /name)`. */
  describe: (value: T) => string;
  /** The shown counterexample (the request body, the query…); defaults to the whole value. */
  shown?: (value: T) => unknown;
  /** The replay line; `path` is fast-check's path to the shrunk counterexample when there is one. */
  replay: (path?: string) => string;
}

function sampleOutcome<T>(
  checkId: CheckId,
  status: 'failed' | 'advisory',
  sample: PropertySample<T>,
  wording: OutcomeWording<T>,
  note: string,
  path?: string,
): CheckOutcome {
  const mine = sample.findings.filter((f) => f.checkId === checkId && (status === 'failed' ? isFailure(f) : levelOf(f) === 'advisory'));
  const what = mine.map((f) => f.message).join(' ');
  const shown = showValue(wording.shown ? wording.shown(sample.value) : sample.value);
  return {
    checkId,
    status,
    message: `${wording.describe(sample.value)}: ${what} ${status === 'failed' ? 'Counterexample' : 'Example'}${note}: ${shown}. ${wording.replay(path)}`,
    findings: mine,
    exchanges: [sample.exchange],
  };
}

/**
 * One outcome per check id from a property's verdict: failed on the shrunk counterexample (or, for a check
 * only an earlier example broke, on that one), skipped/error when the property could not run, advisory when an
 * example departed only from the spec's own reading, not applicable when no example gave the check anything to
 * judge, else passed.
 */
export function propertyOutcomes<T>(checkIds: readonly CheckId[], verdict: PropertyVerdict<T>, wording: OutcomeWording<T>): CheckOutcome[] {
  return checkIds.map((id) => {
    const { failure } = verdict;
    if (failure?.findings.some((f) => f.checkId === id))
      return sampleOutcome(id, 'failed', failure, wording, failure.shrinks > 0 ? ` (shrunk ${failure.shrinks}×)` : '', failure.path);
    const first = verdict.firstByCheck.get(id);
    if (first) return sampleOutcome(id, 'failed', first, wording, ' (first failing example, before shrinking)');
    if (verdict.aborted) return verdict.aborted.kind === 'skip' ? skipped(id, verdict.aborted.message) : errored(id, verdict.aborted.message);
    const advisory = verdict.advisories.get(id);
    if (advisory) return sampleOutcome(id, 'advisory', advisory, wording, '');
    const na = verdict.notApplicable.get(id);
    if (verdict.judgedExamples > 0 && !verdict.ran.has(id)) return errored(id, NEVER_RAN);
    if (na && na.count >= verdict.judgedExamples) return { checkId: id, status: 'not-applicable', message: na.why, findings: [], exchanges: [na.exchange] };
    return passed(id, verdict.example ? [verdict.example] : []);
  });
}

/** One outcome per check id from a single probe's exchange, its findings prefixed with what the probe sent. */
export function probeOutcomes(checkIds: readonly CheckId[], exchange: Exchange, judgement: Judgement, label: string, replay: string): CheckOutcome[] {
  return checkIds.map((id) => {
    const outcome = judged(id, judgement, [exchange]);
    if (outcome.status === 'failed' || outcome.status === 'advisory') outcome.message = `${label}: ${outcome.message} ${replay}`;
    if (outcome.status === 'passed') outcome.exchanges = [exchange];
    return outcome;
  });
}
