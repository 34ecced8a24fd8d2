import { cleanup } from './cleanup.js';
import { withScenarioImages } from './created-images.js';
import { errored, NEVER_RAN, skipped, type CheckOutcome } from '../model/outcome.js';
import type { RunContext } from './run-context.js';
import type { Scenario } from './scenario.js';
import { unconfiguredEndpoint } from './unconfigured-endpoint.js';
import { withScenarioRandom } from './scenario-random.js';

/**
 * Runs one scenario the way every runner must: operations outside the run's profile, and identity calls when
 * the config names no identity endpoint, are skipped with the reason (still listed in the report), and a scenario that throws reports its checks as harness errors.
 */
export async function runScenario(ctx: RunContext, scenario: Scenario): Promise<CheckOutcome[]> {
  const { profile } = ctx.config;
  const op = scenario.operation;
  if (!op.profiles.includes(profile)) return scenario.checks.map((id) => skipped(id, outsideProfile(profile, op.profiles)));
  const unserved = unconfiguredEndpoint(op, ctx.config);
  if (unserved) return scenario.checks.map((id) => skipped(id, unserved));
  return withScenarioImages(async (created) => {
    try {
      const outcomes = await withScenarioRandom(ctx.config.seed, `${scenario.family}/${op.operationId}/${scenario.title}`, () => scenario.run(ctx));
      return withEveryId(scenario, outcomes);
    } catch (error) {
      return scenario.checks.map((id) => errored(id, `harness error: ${(error as Error).stack ?? String(error)}`));
    } finally {
      // What is left of the scenario's images goes now; what cannot be deleted stays for the run's final cleanup.
      await cleanup(ctx, created);
    }
  });
}

/** Every id the scenario declares gets an outcome: one it came back without never ran, a harness error. */
function withEveryId(scenario: Scenario, outcomes: CheckOutcome[]): CheckOutcome[] {
  const reported = new Set(outcomes.map((o) => o.checkId));
  return [...outcomes, ...scenario.checks.filter((id) => !reported.has(id)).map((id) => errored(id, NEVER_RAN))];
}

const SERVED_BY: Record<string, string> = { openstack: 'OpenStack Glance and Keystone do not serve it' };

function outsideProfile(profile: string, profiles: string[]): string {
  const why = SERVED_BY[profile];
  return `not part of the ${profile} profile${why ? `: ${why}` : ''} (an operation of the ${profiles.join(', ')} profile)`;
}
