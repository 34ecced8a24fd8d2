import type { Config } from '../config/config.js';
import { loadSpec } from '../spec/load-spec.js';
import { cleanup } from './cleanup.js';
import type { CheckResult } from '../model/outcome.js';
import { RunContext } from './run-context.js';
import { runScenarios, selected, type ScenarioProgress } from './scenario-sequence.js';
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

/** The target a run talks to, with what it took to reach it (the CLI may start the embedded mock for it). */
export interface ResolvedTarget {
  config: Config & { target: string };
  /** Stops what this run started (the embedded mock); a no-op for a remote target. */
  stop(): Promise<void>;
  embedded: boolean;
}

/** Turns a config into a target; the engine never decides what runs there, so it never starts the mock itself. */
export type TargetResolver = (config: Config) => Promise<ResolvedTarget>;

/**
 * One whole conformance run in this process, without vitest: resolve the target, run every selected scenario,
 * clean up whatever happens.
 */
export async function runConformance(config: Config, resolveTarget: TargetResolver, onProgress?: (p: ScenarioProgress) => void): Promise<RunOutcome> {
  const started = Date.now();
  const spec = await loadSpec(undefined, config.profile);
  const target = await resolveTarget(config);
  const ctx = new RunContext(target.config, spec);
  try {
    const scenarios = scenariosFor(spec.operations).filter((s) => selected(s, config.only));
    const book = await runScenarios(ctx, scenarios, onProgress);
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
