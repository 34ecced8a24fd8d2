import type { Config } from '../config/config.js';
import { loadSpec } from '../spec/load-spec.js';
import type { StartMockOptions } from '../../mock/start-mock.js';
import { cleanup } from './cleanup.js';
import { resolveTarget } from './embedded-target.js';
import type { CheckResult } from './results.js';
import { RunContext } from './run-context.js';
import { runScenarios, selected, type ScenarioProgress } from './run-scenarios.js';
import { sweep } from './sweep.js';
import { scenariosFor } from './scenarios/index.js';

export interface RunOutcome {
  target: string;
  embedded: boolean;
  runId: string;
  seed: number;
  specVersion: string;
  specHash: string;
  startedAt: string;
  durationMs: number;
  requests: number;
  results: CheckResult[];
  /** Images this run created and could not delete. */
  leftovers: string[];
}

export interface RunSuiteOptions {
  onProgress?: (p: ScenarioProgress) => void;
  /** Options for the embedded mock (its faults, for the suite's self-test). */
  mock?: StartMockOptions;
}

/** One whole conformance run: resolve the target, run every selected scenario, clean up whatever happens. */
export async function runSuite(config: Config, options: RunSuiteOptions = {}): Promise<RunOutcome> {
  const started = Date.now();
  const spec = await loadSpec(undefined, config.profile);
  const target = await resolveTarget(config, options.mock);
  const ctx = new RunContext(target.config, spec);
  try {
    const scenarios = scenariosFor(spec.operations).filter((s) => selected(s, config.only));
    const book = await runScenarios(ctx, scenarios, options.onProgress);
    const tracked = await cleanup(ctx);
    // As `ims-conformance run` does: a last look by run id for what no scenario could track.
    const swept = config.readOnly ? undefined : await sweep(ctx, config.runId);
    const leftovers = [...new Set([...tracked, ...(swept?.left.map((l) => l.id) ?? [])])];
    return {
      target: target.config.target,
      embedded: target.embedded,
      runId: config.runId,
      seed: config.seed,
      specVersion: spec.version,
      specHash: spec.hash,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      requests: ctx.requestCount,
      results: book.all(),
      leftovers,
    };
  } finally {
    await ctx.close();
    await target.stop();
  }
}
