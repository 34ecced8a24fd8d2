import { ResultBook } from '../model/outcome.js';
import { runScenario } from './scenario-execution.js';
import type { RunContext } from './run-context.js';
import type { Scenario } from './scenario.js';
import { withTimeline } from './timeline.js';
import { waitingFirst, waitsOnTarget } from './waits-on-target.js';

export interface ScenarioProgress {
  done: number;
  total: number;
  scenario: Scenario;
}

/** True when a result id (`operationId/checkId`) or the scenario's area falls under one of the `--only` prefixes. */
export function selected(scenario: Scenario, only: readonly string[]): boolean {
  if (only.length === 0) return true;
  return scenario.checks.some((check) => {
    const ids = [`${scenario.operation.operationId}/${check}`, `${scenario.operation.area}/${scenario.operation.operationId}/${check}`];
    return only.some((prefix) => ids.some((id) => id.startsWith(prefix)));
  });
}

/**
 * Runs scenarios with at most `concurrency` at once and merges their outcomes per (operation, check).
 */
export async function runScenarios(ctx: RunContext, scenarios: readonly Scenario[], onProgress?: (p: ScenarioProgress) => void): Promise<ResultBook> {
  const book = new ResultBook();
  // Those that wait on the target first, and their requests first in the queue for a slot (their timeline's priority).
  const queue = waitingFirst(scenarios);
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
      const { result: outcomes } = await withTimeline(() => runScenario(ctx, scenario), waitsOnTarget(scenario));
      for (const outcome of outcomes) book.record(scenario.operation, outcome);
      onProgress?.({ done: ++done, total: scenarios.length, scenario });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.config.concurrency) }, worker));
  return book;
}
