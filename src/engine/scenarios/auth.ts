import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import { authInvalid, authMissing } from '../../checks/scenario-checks.js';
import { prepare } from '../preconditions.js';
import { errored, judged, skipped, type CheckOutcome } from '../results.js';
import type { CallerSpec, RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from './canonical.js';
import { canonicalRequest } from './canonical-request.js';

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
      checks: [v.checkId],
      title: `${op.operationId}: ${v.label} → 401`,
      async run(ctx: RunContext): Promise<CheckOutcome[]> {
        const prepared = await prepare(ctx, op);
        if (!prepared.ok) return ['skip' in prepared ? skipped(v.checkId, prepared.skip) : errored(v.checkId, prepared.error)];
        const request = canonicalRequest(op, prepared.prepared);
        if (!request.ok) return [errored(v.checkId, request.error)];
        const reply = await ctx.call(op, v.caller, request.spec);
        if (!reply.ok) return [reply.kind === 'skip' ? skipped(v.checkId, reply.message) : errored(v.checkId, reply.message)];
        // The 401 body is held to the documented error schema too, reported under this check.
        const findings = applyChecks([v.check, ...RESPONSE_CONFORMANCE_CHECKS], reply.exchange, ctx).map((f) => ({ ...f, checkId: v.checkId }));
        return [judged(v.checkId, findings, [reply.exchange])];
      },
    }),
  );
};
