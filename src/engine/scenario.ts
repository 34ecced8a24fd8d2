import type { CheckId } from '../model/check-id.js';
import type { SpecOperation } from '../model/operation.js';
import type { CheckOutcome } from '../model/outcome.js';
import type { RunContext } from './run-context.js';

/**
 * One runnable unit of the suite: sets up what it needs, sends requests for one operation, applies checks, and
 * reports an outcome per check id. The vitest suites and the in-process runner run the same scenarios.
 */
export interface Scenario {
  /** Family name, e.g. `canonical`, `auth`, `iam`; with the operation it names the scenario. */
  family: string;
  operation: SpecOperation;
  /**
   * The check ids this scenario reports, derived from the checks it applies (`idsOf`): each gets an outcome, and
   * one the run came back without is reported as never run (`scenario-execution.ts`), never as passed.
   */
  checks: readonly CheckId[];
  /** Behaviour-named title: `deleteImage: unknown id → 404`. */
  title: string;
  run(ctx: RunContext): Promise<CheckOutcome[]>;
}

/** Builds the scenarios of one family for one operation (none when the family does not apply). */
export type ScenarioFamily = (op: SpecOperation, all: readonly SpecOperation[]) => Scenario[];
