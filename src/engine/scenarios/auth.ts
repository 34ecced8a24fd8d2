import { GENERIC_CHECK_IDS } from '../../checks/catalogue.js';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import { authInvalid, authMissing } from '../../checks/scenario-checks.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import type { CallerSpec, RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from './canonical.js';
import { readyRequest } from './canonical-request.js';

/**
 * The documented request once without credentials and once with a bogus token: both must answer 401 with the
 * documented error body, on every operation that needs credentials.
 */
export const authFamily: ScenarioFamily = (op) => {
  if (op.authOptional || op.authNone) return [];
  const variants: { checkId: string; caller: CallerSpec; check: typeof authMissing; label: string }[] = [
    { checkId: 'auth-missing', caller: { credentials: 'none' }, check: authMissing, label: 'no credentials' },
    { checkId: 'auth-invalid', caller: { credentials: 'bogus' }, check: authInvalid, label: 'a bogus token' },
  ];
  return variants.map(
    (v): Scenario => ({
      family: v.checkId,
      operation: op,
      checks: [v.checkId, ...GENERIC_CHECK_IDS],
      title: `${op.operationId}: ${v.label} → 401`,
      async run(ctx: RunContext): Promise<CheckOutcome[]> {
        const ids = [v.checkId, ...GENERIC_CHECK_IDS];
        const ready = await readyRequest(ctx, op, ids);
        if (!ready.ok) return ready.outcomes;
        const { request } = ready;
        const reply = await ctx.call(op, v.caller, request.spec);
        if (!reply.ok) return ids.map((id) => (reply.kind === 'skip' ? skipped(id, reply.message) : errored(id, reply.message)));
        // The 401 is also held to the documented error body, content type and status list, under those checks' ids.
        const findings = applyChecks([v.check, ...RESPONSE_CONFORMANCE_CHECKS], reply.exchange, ctx);
        return ids.map((id) => judged(id, findings, [reply.exchange]));
      },
    }),
  );
};
