import type { Check } from '../checks/finding.js';
import type { CheckId } from '../model/check-id.js';
import type { Finding } from '../model/finding.js';
import type { Exchange } from '../model/exchange.js';
import { errored, judged, skipped, type CheckOutcome } from '../model/outcome.js';
import { applyChecks } from './apply-checks.js';
import type { CallResult, RunContext } from './run-context.js';

/**
 * A probe is one request a scenario sends for one check (one principal, one unknown id, …). A scenario sends
 * several and reports one outcome per check, so the helpers here fold probes into that outcome.
 */
export type ProbeResult =
  | { kind: 'judged'; label: string; findings: Finding[]; ran: ReadonlySet<CheckId>; exchange: Exchange }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

/** Applies checks to a call's answer, with each finding's message led by the label (who called, which id). */
export function judgeCall(ctx: RunContext, reply: CallResult, label: string, checks: readonly Check[]): ProbeResult {
  if (!reply.ok)
    return reply.kind === 'skip' ? { kind: 'skipped', reason: `${label}: ${reply.message}` } : { kind: 'error', message: `${label}: ${reply.message}` };
  const { findings, ran } = applyChecks(checks, reply.exchange, ctx);
  return { kind: 'judged', label, findings: findings.map((f) => ({ ...f, message: `${label}: ${f.message}` })), ran, exchange: reply.exchange };
}

/**
 * One outcome for a check over its probes: judged over the probes that got an answer (failed, advisory, not
 * applicable or passed, by the one rule of `judged`); an error when a probe could not be sent and nothing failed
 * (a pass would overstate what was checked); else skipped with the probes' reasons (or `whenNone` when there was
 * nothing to probe). Skip reasons of some probes are kept on a judged outcome.
 */
export function outcomeOf(checkId: CheckId, probes: readonly ProbeResult[], whenNone: string): CheckOutcome {
  const judgedProbes = probes.filter((p): p is Extract<ProbeResult, { kind: 'judged' }> => p.kind === 'judged');
  const reasons = probes.flatMap((p) => (p.kind === 'skipped' ? [p.reason] : []));
  const errors = probes.flatMap((p) => (p.kind === 'error' ? [p.message] : []));
  const concerned = judgedProbes.filter((p) => p.findings.some((f) => f.checkId === checkId));
  const outcome = judged(
    checkId,
    { findings: judgedProbes.flatMap((p) => p.findings), ran: new Set(judgedProbes.flatMap((p) => [...p.ran])) },
    judgedProbes.map((p) => p.exchange),
  );
  if (outcome.status === 'failed' || outcome.status === 'advisory')
    return { ...outcome, exchanges: concerned.map((p) => p.exchange), ...(reasons.length ? { skipReasons: reasons } : {}) };
  if (errors.length > 0) return errored(checkId, errors.join(' | '));
  if (judgedProbes.length > 0) {
    const probed = outcome.status === 'passed' ? `probed: ${judgedProbes.map((p) => p.label).join('; ')}` : outcome.message;
    return { ...outcome, message: probed, exchanges: [judgedProbes[0]!.exchange], ...(reasons.length ? { skipReasons: reasons } : {}) };
  }
  return skipped(checkId, reasons.length > 0 ? reasons.join(' | ') : whenNone);
}
