import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import { authInvalid, authMissing } from '../../checks/scenario-checks.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import type { CallerSpec, RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from '../apply-checks.js';
import { idsOf, type Check } from '../../checks/finding.js';
import { readyRequest } from './canonical-request.js';

/**
 * The documented request once without credentials and once with a bogus token: both must answer 401 with the
 * documented error body, on every operation that needs credentials.
 */
export const authFamily: ScenarioFamily = (op) => {
  if (op.authOptional || op.authNone) return [];
  const variants: { family: string; caller: CallerSpec; check: Check; label: string }[] = [
    { family: 'auth-missing', caller: { credentials: 'none' }, check: authMissing, label: 'no credentials' },
    { family: 'auth-invalid', caller: { credentials: 'bogus' }, check: authInvalid, label: 'a bogus token' },
  ];
  return variants.map((v): Scenario => {
    // The 401 is also held to the documented error body, content type and status list, under those checks' ids.
    const applied = [v.check, ...RESPONSE_CONFORMANCE_CHECKS];
    const ids = idsOf(applied);
    return {
      family: v.family,
      operation: op,
      checks: ids,
      title: `${op.operationId}: ${v.label} → 401`,
      async run(ctx: RunContext): Promise<CheckOutcome[]> {
        const ready = await readyRequest(ctx, op, ids);
        if (!ready.ok) return ready.outcomes;
        const { request } = ready;
        const reply = await ctx.call(op, v.caller, request.call);
        if (!reply.ok) return ids.map((id) => (reply.kind === 'skip' ? skipped(id, reply.message) : errored(id, reply.message)));
        const judgement = applyChecks(applied, reply.exchange, ctx);
        return ids.map((id) => judged(id, judgement, [reply.exchange]));
      },
    };
  });
};
