import type { Scenario } from '../engine/scenario.js';

const AUTHN = ['auth-missing', 'auth-invalid'];
const AUTHZ = ['iam-denied', 'iam-allowed', 'tenant-isolation', 'ep-isolation'];
const LIFECYCLES = ['use-after-delete', 'sharing-semantics'];

/**
 * The suite file a scenario runs in: authentication, authorization and lifecycle scenarios have suites of
 * their own; every other scenario runs in its operation's area (`x-area`).
 */
export function suiteOf(scenario: Scenario): string {
  if (scenario.checks.some((c) => AUTHN.includes(c))) return 'authn';
  if (scenario.checks.some((c) => AUTHZ.includes(c))) return 'authz';
  if (scenario.checks.some((c) => LIFECYCLES.includes(c))) return 'lifecycles';
  return scenario.operation.area;
}

export const CROSS_CUTTING_SUITES = ['authn', 'authz', 'lifecycles'];
