import type { Config } from '../config/config.js';
import { runConformance, type RunOutcome } from '../engine/run-conformance.js';
import type { ScenarioProgress } from '../engine/scenario-sequence.js';
import type { StartMockOptions } from '../../mock/start-mock.js';
import { resolveTarget } from './embedded-target.js';

export type { RunOutcome } from '../engine/run-conformance.js';

export interface RunSuiteOptions {
  onProgress?: (p: ScenarioProgress) => void;
  /** Options for the embedded mock (its faults, for the suite's self-test); unused when the config names a target. */
  mock?: StartMockOptions;
}

/**
 * A whole run in this process, without vitest, against the config's target or else the embedded mock: what the
 * fault self-test and `npm run sweep:seeds` run. Here, not in the engine, because only the CLI wires the mock in.
 */
export function runSuite(config: Config, options: RunSuiteOptions = {}): Promise<RunOutcome> {
  return runConformance(config, (c) => resolveTarget(c, options.mock), options.onProgress);
}
