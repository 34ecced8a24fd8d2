import type { CheckId } from '../../model/check-id.js';
import type { SpecOperation } from '../../model/operation.js';
import { skipped, type CheckOutcome } from '../../model/outcome.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { lifecycleChecks, lifecycleOps, type LifecycleOps } from './lifecycle/operations.js';
import { lifecycleOutcome, READ_ONLY } from './lifecycle/report.js';
import { runLifecycle, type LifecycleRun } from './lifecycle/run-lifecycle.js';

/**
 * One lifecycle run per run context, however many scenarios report it: the model-based run touches about ten
 * operations, and each of their scenarios picks its own (operation, check) outcomes from the shared record.
 */
const runs = new WeakMap<RunContext, Promise<LifecycleRun>>();

function lifecycleOf(ctx: RunContext, ops: LifecycleOps): Promise<LifecycleRun> {
  let run = runs.get(ctx);
  if (!run) {
    run = runLifecycle(ctx, ops); // never rejects: it records its own failures
    runs.set(ctx, run);
  }
  return run;
}

function lifecycleScenario(op: SpecOperation, checks: readonly CheckId[]): Scenario {
  return {
    family: 'lifecycle',
    operation: op,
    checks,
    title: `${op.operationId}: answers as a model of the image lifecycle predicts (create → upload → share → accept → delete → 404)`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      if (ctx.config.readOnly) return checks.map((id) => skipped(id, READ_ONLY));
      // Resolved from the run's spec, which the scenarios were built from, so both name the same operations.
      const ops = lifecycleOps(
        ctx.spec.operations,
        ctx.spec.probes.filter((probe) => probe.profiles.includes(ctx.config.profile)),
      );
      if (!ops) return checks.map((id) => skipped(id, 'the spec names no operation for one of the image.create/upload/show/list/delete roles'));
      const { recorder, hasMember } = await lifecycleOf(ctx, ops);
      return checks.map((id) => lifecycleOutcome(ctx, op, id, recorder, hasMember));
    },
  };
}

/**
 * The model-based lifecycle: fast-check sequences of commands over a small model of images and members, run
 * against the target as the owner and the member, reporting `use-after-delete`, `created-readable`,
 * `sharing-semantics` (and the conformance of every exchange) under the operation whose exchange was judged.
 */
export const lifecycleFamily: ScenarioFamily = (op, all) => {
  const ops = lifecycleOps(all);
  const checks = ops ? lifecycleChecks(op, ops) : [];
  return checks.length > 0 ? [lifecycleScenario(op, checks)] : [];
};
