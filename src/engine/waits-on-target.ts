import type { Scenario } from './scenario.js';

/**
 * Whether a scenario waits on the target from its start: a lifecycle (a chain of calls with images turning
 * active on the way), a call that starts an asynchronous job it then follows, or one whose precondition is a job
 * or an image brought to `active`. Such scenarios start first and their requests queue first: their chains of
 * waits, not the number of requests, bound how soon a run against a slow region can end.
 */
export function waitsOnTarget(scenario: Scenario): boolean {
  const op = scenario.operation;
  if (scenario.family === 'lifecycle') return true;
  if (op.precondition.job === true || op.precondition.image === 'active') return true;
  return op.jobTypes.length > 0 && (scenario.family === 'canonical' || scenario.family === 'generated-input');
}

/** The scenarios that wait on the target first, each group in its given order. */
export function waitingFirst<T extends Scenario>(scenarios: readonly T[]): T[] {
  return [...scenarios.filter(waitsOnTarget), ...scenarios.filter((s) => !waitsOnTarget(s))];
}
