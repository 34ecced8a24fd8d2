import fc from 'fast-check';
import { isFailure, levelOf, type Finding } from '../model/finding.js';
import type { CheckId } from '../model/check-id.js';
import type { Exchange } from '../model/exchange.js';
import type { Judgement } from '../model/outcome.js';
import type { CallResult } from './run-context.js';

/** One example the target answered in breach of a check: what was sent, what came back, what broke. */
export interface PropertySample<T> {
  value: T;
  exchange: Exchange;
  findings: Finding[];
}

export interface ExchangeProperty<T> {
  arbitrary: fc.Arbitrary<T>;
  /** Sends one example to the target. */
  send: (value: T) => Promise<CallResult>;
  /** The findings one answer earns; a failure-level finding makes the example a counterexample (advisories and not-applicable notes are kept aside). */
  judge: (exchange: Exchange, value: T) => Judgement;
  seed: number;
  numRuns: number;
  /**
   * Requests shrinking may add after the first failure. Each shrink step is a request to a possibly remote,
   * rate-limited target, so it is bounded; past the budget the best counterexample so far stands.
   */
  shrinkBudget?: number;
  /** Milliseconds shrinking may take after the first failure: a slow or retrying target must not stall the run. */
  shrinkTimeMs?: number;
}

export interface PropertyVerdict<T> {
  /** The shrunk counterexample, with fast-check's path to it (replayable with the same seed). */
  failure?: PropertySample<T> & { path: string; shrinks: number };
  /** For each check id, the first example that broke it (a check the shrunk example no longer breaks stays reported). */
  firstByCheck: Map<string, PropertySample<T>>;
  /** The check ids applied to at least one answer: only those can pass. */
  ran: ReadonlySet<CheckId>;
  /** One answer that passed, as the example a passing report shows. */
  example?: Exchange;
  /** For each check id, the first example it judged only advisory. */
  advisories: Map<string, PropertySample<T>>;
  /** For each check id, how many judged examples gave it nothing to judge (and why, the first time). */
  notApplicable: Map<string, { count: number; why: string; exchange: Exchange }>;
  /** Examples that got an answer and were judged. */
  judgedExamples: number;
  /** A call that could not be made (missing credentials, transport failure): the property stopped there. */
  aborted?: { kind: 'skip' | 'error'; message: string };
  requests: number;
}

export const DEFAULT_SHRINK_BUDGET = 25;
export const DEFAULT_SHRINK_TIME_MS = 5_000;

/**
 * Runs a fast-check property whose every example is one request. Never throws for the target's answers: a
 * failing answer is a counterexample, a call that cannot be made stops the property and is reported.
 */
export async function checkExchangeProperty<T>(p: ExchangeProperty<T>): Promise<PropertyVerdict<T>> {
  const budget = p.numRuns + (p.shrinkBudget ?? DEFAULT_SHRINK_BUDGET);
  const shrinkTimeMs = p.shrinkTimeMs ?? DEFAULT_SHRINK_TIME_MS;
  let failedAt: number | undefined;
  const firstByCheck = new Map<string, PropertySample<T>>();
  let requests = 0;
  let aborted: PropertyVerdict<T>['aborted'];
  let example: Exchange | undefined;
  let last: PropertySample<T> | undefined;
  const advisories = new Map<string, PropertySample<T>>();
  const notApplicable = new Map<string, { count: number; why: string; exchange: Exchange }>();
  let judgedExamples = 0;
  const ran = new Set<CheckId>();
  const property = fc.asyncProperty(p.arbitrary, async (value) => {
    // Counting an unsent example as passing keeps fast-check from shrinking towards it.
    if (aborted || requests >= budget || (failedAt !== undefined && Date.now() - failedAt > shrinkTimeMs)) return true;
    requests++;
    const reply = await p.send(value);
    if (!reply.ok) {
      aborted = { kind: reply.kind, message: reply.message };
      return true;
    }
    const judgement = p.judge(reply.exchange, value);
    const all = judgement.findings;
    for (const id of judgement.ran) ran.add(id);
    judgedExamples++;
    for (const f of all) {
      if (levelOf(f) === 'advisory' && !advisories.has(f.checkId))
        advisories.set(f.checkId, { value, exchange: reply.exchange, findings: all.filter((x) => x.checkId === f.checkId) });
      if (levelOf(f) === 'not-applicable') {
        const seen = notApplicable.get(f.checkId);
        if (seen) seen.count++;
        else notApplicable.set(f.checkId, { count: 1, why: f.message, exchange: reply.exchange });
      }
    }
    const findings = all.filter(isFailure);
    if (findings.length === 0) {
      example ??= reply.exchange;
      return true;
    }
    // A 429/503 (or an answer that came only after Retry-After waits) is the service's availability, not
    // the input's fault: shrinking it would only wait on the target, so the first such example stands.
    const unavailable = [429, 503].includes(reply.exchange.response.status) || (reply.exchange.earlierStatuses?.length ?? 0) > 0;
    failedAt ??= unavailable ? -Infinity : Date.now();
    last = { value, exchange: reply.exchange, findings };
    for (const f of findings) if (!firstByCheck.has(f.checkId)) firstByCheck.set(f.checkId, last);
    return false;
  });
  const details = await fc.check(property, { seed: p.seed, numRuns: p.numRuns });
  const verdict: PropertyVerdict<T> = { firstByCheck, ran, requests, advisories, notApplicable, judgedExamples, ...(example ? { example } : {}) };
  // Shrinking only moves on failures, so the last failing example is fast-check's final counterexample.
  if (details.failed && last && details.counterexamplePath !== null)
    verdict.failure = { ...last, path: details.counterexamplePath, shrinks: details.numShrinks };
  else if (details.failed)
    aborted ??= { kind: 'error', message: `the property stopped without a counterexample: ${String(details.errorInstance ?? 'too many skipped examples')}` };
  if (aborted && !verdict.failure) verdict.aborted = aborted;
  return verdict;
}

/**
 * The fast-check seed of one property: the run's seed mixed with the scenario's key (FNV-1a), so properties
 * of similar schemas probe different values, and `--seed` alone replays every one of them.
 */
export function propertySeed(runSeed: number, key: string): number {
  let hash = 0x811c9dc5;
  for (const ch of key) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (runSeed ^ hash) | 0;
}

/** The line a failure message ends with: the CLI flags that run this scenario again with the same values. */
export function replayLine(runSeed: number, operationId: string, checkId: string, path?: string): string {
  return `replay: --seed ${runSeed} --only ${operationId}/${checkId}${path ? ` (fast-check counterexample path ${path})` : ''}`;
}

/** A value as a message shows it: JSON, cut short (generated strings can be hundreds of characters long). */
export function showValue(value: unknown, max = 240): string {
  const text = Buffer.isBuffer(value) ? `<${value.length} bytes>` : typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
