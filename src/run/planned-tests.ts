import { selected } from '../engine/scenario-sequence.js';
import { scenariosFor } from '../engine/scenarios/index.js';
import type { SpecOperation } from '../model/operation.js';
import { suiteOf } from '../suite/suite-of.js';

/**
 * How many tests each suite file will declare, worked out the way `defineSuite` picks its scenarios (one test per
 * scenario of the suite that `--only` selects). The progress display uses it as the total until vitest has
 * loaded a file and reported the real count.
 */
export function plannedTests(operations: readonly SpecOperation[], only: readonly string[]): Map<string, number> {
  const planned = new Map<string, number>();
  for (const scenario of scenariosFor(operations)) {
    if (!selected(scenario, only)) continue;
    const suite = suiteOf(scenario);
    planned.set(suite, (planned.get(suite) ?? 0) + 1);
  }
  return planned;
}
