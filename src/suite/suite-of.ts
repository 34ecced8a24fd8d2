import { checkEntry } from '../checks/catalogue.js';
import type { Scenario } from '../engine/scenario.js';

/**
 * The suite file a scenario runs in: a scenario about a check the catalogue routes to the authentication,
 * authorization or lifecycle suite runs there (authentication first); every other scenario runs in its
 * operation's area (`x-area`).
 */
export function suiteOf(scenario: Scenario): string {
  const suites = new Set(scenario.checks.map((c) => checkEntry(c).suite));
  for (const suite of CROSS_CUTTING_SUITES) if (suites.has(suite)) return suite;
  return scenario.operation.area;
}

export const CROSS_CUTTING_SUITES = ['authn', 'authz', 'lifecycles'] as const;
