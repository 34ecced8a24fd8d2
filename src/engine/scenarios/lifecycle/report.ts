import type { CheckId } from '../../../model/check-id.js';
import { CONFIG_DEFAULTS } from '../../../config/config.js';
import type { SpecOperation } from '../../../model/operation.js';
import { errored, NEVER_RAN, passed, skipped, type CheckOutcome } from '../../../model/outcome.js';
import type { RunContext } from '../../run-context.js';
import { pairKey, type LifecycleRecorder, type PairLog } from './recorder.js';
import { SHRINK_LIMIT } from './run-lifecycle.js';

export const NO_MEMBER = 'needs a principal in another project than the owner (e.g. principals.member with projectId) to share images with';
export const READ_ONLY = 'needs to create, share and delete images, and the run is --read-only';

const MAX_TRACE_LINES = 20;

function numbered(trace: string[]): string {
  const lines = trace.map((line, i) => `  ${i + 1}. ${line}${i === trace.length - 1 ? '   ✗' : ''}`);
  if (lines.length <= MAX_TRACE_LINES) return lines.join('\n');
  return [...lines.slice(0, 3), `  … ${lines.length - MAX_TRACE_LINES + 3} more …`, ...lines.slice(-(MAX_TRACE_LINES - 4))].join('\n');
}

/**
 * How to see the failure again: the shrunk generated sequence when its failure broke this pair (with
 * fast-check's path and replayPath), else the first sequence that did, as it ran (a walk, or a generated
 * sequence); always the command line that reruns it.
 */
function replayBlock(ctx: RunContext, key: string, log: PairLog, recorder: LifecycleRecorder): string {
  // --runs only when it is not the default: fast-check must draw as many sequences to reach the same one.
  const runs = ctx.config.runs === CONFIG_DEFAULTS.runs ? '' : ` --runs ${ctx.config.runs}`;
  const rerun = `replay: --seed ${ctx.config.seed}${runs} --only ${key}`;
  const shrunk = recorder.counterexample;
  if (shrunk?.pairs.has(key)) {
    const bounded = recorder.outOfTime
      ? ' (shrinking stopped at the time budget: smaller ones may exist)'
      : recorder.shrinkAttempts >= SHRINK_LIMIT
        ? ` (shrinking stopped at its limit of ${SHRINK_LIMIT})`
        : '';
    return [
      `Counterexample, shrunk from ${shrunk.firstLength} to ${shrunk.trace.length} commands in ${shrunk.numShrinks} shrink steps${bounded}:`,
      numbered(shrunk.trace),
      `${rerun} (fast-check: seed ${ctx.config.seed}, path "${shrunk.path}"${shrunk.replayPath ? `, commands replayPath "${shrunk.replayPath}"` : ''})`,
    ].join('\n');
  }
  const first = log.firstFailure;
  if (!first) return rerun;
  // Only lifecycle rules fail a sequence, and fast-check shrinks one failure: other findings show as they ran.
  const why = first.source.startsWith('generated') ? `${first.source}, as it ran, not shrunk` : first.source;
  return [`Sequence (${why}):`, numbered(first.trace), rerun].join('\n');
}

/** The outcome of one (operation, check) pair, from everything the lifecycle recorded. */
export function lifecycleOutcome(ctx: RunContext, op: SpecOperation, checkId: CheckId, recorder: LifecycleRecorder, hasMember: boolean): CheckOutcome {
  const key = pairKey(op.operationId, checkId);
  const log = recorder.pairs.get(key);
  if (log && log.findings.length > 0) {
    const more = log.findings.length - 1 + log.moreFindings;
    const message = `${log.findings[0]?.message ?? ''}${more > 0 ? ` (+${more} more)` : ''}\n${replayBlock(ctx, key, log, recorder)}`;
    return { checkId, status: 'failed', message, findings: log.findings, exchanges: log.failing };
  }
  const stopped = recorder.stopped;
  // A bug of the suite must show even where earlier sequences passed; the target's failures above still stand.
  if (stopped?.kind === 'harness') return errored(checkId, `harness error: the lifecycle broke: ${stopped.message}`);
  if (log?.advisory)
    return { checkId, status: 'advisory', message: log.advisory.finding.message, findings: [log.advisory.finding], exchanges: [log.advisory.exchange] };
  if (log && log.passes > 0) return passed(checkId, log.example ? [log.example] : []);
  if (log && log.notApplicable > 0) return { checkId, status: 'not-applicable', message: log.notApplicableWhy ?? '', findings: [], exchanges: [] };
  if ((checkId === 'sharing-semantics' || checkId === 'member-status-visible') && !hasMember) return skipped(checkId, NO_MEMBER);
  if (recorder.unavailable.has(op.operationId))
    return skipped(checkId, `${op.operationId} answered 5xx early in the lifecycle, so the lifecycle stopped asking it (see no-server-error)`);
  if (stopped?.kind === 'error') return errored(checkId, `the lifecycle stopped before reaching this check: ${stopped.message}`);
  if (stopped?.kind === 'skip') return skipped(checkId, stopped.message);
  if (!log && recorder.outOfTime) return skipped(checkId, 'the lifecycle ran out of its time budget before any sequence reached this check');
  const failing = recorder.failingPairs();
  // With no rule broken and no walk command left without its precondition, a pair no rule ever recorded was never
  // judged: its check did not run.
  if (!log && failing.length === 0 && recorder.unreached.length === 0) return errored(checkId, NEVER_RAN);
  // The walks go on past deviations: only a step the target refused (so a later command had nothing to act on) leaves a rule unjudged.
  const unreached = recorder.unreached.length > 0 ? `; not run: ${recorder.unreached.join(', ')}` : '';
  return skipped(checkId, `no lifecycle sequence reached this check: the steps it needs failed (${failing.join(', ') || 'no failure recorded'})${unreached}`);
}
