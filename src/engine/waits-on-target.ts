import type { Scenario } from './scenario.js';

/**
 * Whether a scenario waits on the target from its start: a lifecycle (a chain of calls with images turning
 * active on the way), a call on an operation that starts asynchronous jobs, or one whose precondition is a job or
 * an image brought to `active`. Such scenarios start first and their requests queue first: their chains of waits,
 * not the number of requests, bound how soon a run against a slow region can end. A scenario that does not follow
 * the job it starts (an allowed IAM probe, a valid input) counts too: the suite file's cleanup awaits that job's
 * end before it can delete the job's images, so the sooner it starts, the sooner the file ends.
 */
export function waitsOnTarget(scenario: Scenario): boolean {
  const op = scenario.operation;
  if (scenario.family === 'lifecycle') return true;
  if (op.precondition.job === true || op.precondition.image === 'active') return true;
  return op.jobTypes.length > 0;
}

/** The scenarios that wait on the target first, each group in its given order. */
export function waitingFirst<T extends Scenario>(scenarios: readonly T[]): T[] {
  return [...scenarios.filter(waitsOnTarget), ...scenarios.filter((s) => !waitsOnTarget(s))];
}
