import type { SpecOperation } from '../../model/operation.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { authFamily } from './auth.js';
import { canonicalFamily } from './canonical.js';
import { epMigrationFamily } from './ep-migration.js';
import { generatedInputFamily } from './generated-input.js';
import { iamFamily } from './iam.js';
import { invalidInputFamily } from './invalid-input.js';
import { isolationFamily } from './isolation.js';
import { lifecycleFamily } from './lifecycle.js';
import { paginationFamily } from './pagination.js';
import { unknownIdFamily } from './unknown-id.js';
import { writeReadBackFamily } from './write-read-back.js';

/** Every scenario family, in the order a run reports them. */
export const FAMILIES: readonly ScenarioFamily[] = [
  canonicalFamily,
  authFamily,
  iamFamily,
  unknownIdFamily,
  isolationFamily,
  epMigrationFamily,
  writeReadBackFamily,
  invalidInputFamily,
  generatedInputFamily,
  paginationFamily,
  lifecycleFamily,
];

/** All scenarios for the spec's operations: the suite iterates the spec, never a list of its own. */
export function scenariosFor(operations: readonly SpecOperation[]): Scenario[] {
  return operations.flatMap((op) => FAMILIES.flatMap((family) => family(op, operations)));
}
