import type { SpecOperation } from '../../spec/operations.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { authFamily } from './auth.js';
import { canonicalFamily } from './canonical.js';

/** Every scenario family, in the order a run reports them. */
export const FAMILIES: readonly ScenarioFamily[] = [canonicalFamily, authFamily];

/** All scenarios for the spec's operations: the suite iterates the spec, never a list of its own. */
export function scenariosFor(operations: readonly SpecOperation[]): Scenario[] {
  return operations.flatMap((op) => FAMILIES.flatMap((family) => family(op, operations)));
}
