import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import type { Config } from '../config/config.js';
import { cleanup } from '../engine/cleanup.js';
import { RunContext } from '../engine/run-context.js';
import { runScenario } from '../engine/run-scenario.js';
import { selected } from '../engine/run-scenarios.js';
import { scenariosFor } from '../engine/scenarios/index.js';
import { loadSpec } from '../spec/load-spec.js';
import { toMeta } from './outcome-meta.js';
import { suiteOf } from './suite-of.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's resolved config (target set), handed over by `ims-conformance run`. */
    imsConfig: Config & { target: string };
  }
}

/**
 * Declares one suite file's tests: every scenario of the spec that belongs to `suite`, grouped by operation.
 * A test passes when all its checks pass, fails with the findings, and is skipped with the reason when it
 * could not run; the outcomes travel to the reporter in `task.meta`.
 */
export async function defineSuite(suite: string): Promise<void> {
  const config = inject('imsConfig');
  const spec = await loadSpec();
  const scenarios = scenariosFor(spec.operations).filter((s) => suiteOf(s) === suite && selected(s, config.only));
  let ctx: RunContext;
  beforeAll(() => {
    ctx = new RunContext(config, spec);
  });
  afterAll(async () => {
    await cleanup(ctx);
    await ctx.close();
  });
  const operations = [...new Set(scenarios.map((s) => s.operation))];
  for (const op of operations) {
    describe.concurrent(`${op.operationId} — ${op.method.toUpperCase()} ${op.path} (seed ${config.seed})`, () => {
      for (const scenario of scenarios.filter((s) => s.operation === op)) {
        it(scenario.title, async ({ task, skip }) => {
          const outcomes = await runScenario(ctx, scenario);
          task.meta.ims = toMeta(op.operationId, outcomes);
          const failed = outcomes.filter((o) => o.status === 'failed');
          const errors = outcomes.filter((o) => o.status === 'error');
          if (failed.length > 0) throw new Error(failed.map((o) => `${o.checkId}: ${o.message}`).join('\n'));
          if (errors.length > 0) throw new Error(errors.map((o) => `${o.checkId} (harness error): ${o.message}`).join('\n'));
          if (outcomes.length > 0 && outcomes.every((o) => o.status === 'skipped')) skip(outcomes[0]?.message);
        });
      }
    });
  }
}
