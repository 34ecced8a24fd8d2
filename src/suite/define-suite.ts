import { afterAll, beforeAll, describe, inject, it, type TestContext } from 'vitest';
import type { Config } from '../config/config.js';
import { scrub, secretsOf } from '../config/redact.js';
import { cleanup } from '../engine/cleanup.js';
import type { CachedToken } from '../engine/credentials.js';
import { RunContext } from '../engine/run-context.js';
import type { CheckOutcome } from '../model/outcome.js';
import { runScenario } from '../engine/scenario-execution.js';
import { selected } from '../engine/scenario-sequence.js';
import type { Scenario } from '../engine/scenario.js';
import { scenariosFor } from '../engine/scenarios/index.js';
import { withTimeline } from '../engine/timeline.js';
import { waitingFirst, waitsOnTarget } from '../engine/waits-on-target.js';
import { connectPermits } from '../transport/permits.js';
import { loadSpec, type LoadedSpec } from '../spec/load-spec.js';
import { labelForAllure } from './allure-labels.js';
import { CallRecorder, emptyRecord } from './call-record.js';
import { toMeta } from './outcome-meta.js';
import { suiteOf } from './suite-of.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's resolved config (target set), handed over by `ims-conformance run`. */
    imsConfig: Config & { target: string };
    /** Tokens the password principals already hold for this run (so files do not each sign in again). */
    imsTokens: Record<string, CachedToken>;
    /** Where the run's permit server listens (src/transport/permits.ts): `--concurrency` holds across all files. */
    imsPermits?: string;
  }
}

/** What every test of a suite file shares. */
interface SuiteFile {
  suite: string;
  config: Config & { target: string };
  secrets: string[];
  calls: CallRecorder;
  /** The file's RunContext, made before its first test. */
  ctx: () => RunContext;
}

/** One RunContext for all tests of the file, its calls recorded per test; what the tests left is cleaned up after. */
function contextPerFile(config: Config & { target: string }, spec: LoadedSpec, calls: CallRecorder): () => RunContext {
  let ctx: RunContext;
  beforeAll(() => {
    const permits = inject('imsPermits');
    ctx = new RunContext(config, spec, inject('imsTokens'), permits ? connectPermits(permits) : undefined);
    calls.watch(ctx);
  });
  // Vitest reads a hook's first parameter as its fixtures and accepts only a destructuring pattern there; the
  // file comes second.
  // biome-ignore lint/correctness/noEmptyPattern: no fixtures wanted, only the file
  afterAll(async ({}, file) => {
    const { timeline } = await withTimeline(() => cleanup(ctx));
    file.meta.imsCleanup = timeline.timing();
    await ctx.close();
  });
  return () => ctx;
}

/**
 * A test's verdict from its outcomes: thrown when a check failed or erred; skipped (with the reason) when no check
 * ran or found anything to judge, for nothing judged is no pass.
 */
function judge(outcomes: CheckOutcome[], secrets: string[], skip: (note: string) => void): void {
  const failed = outcomes.filter((o) => o.status === 'failed');
  const errors = outcomes.filter((o) => o.status === 'error');
  // Scrubbed: the message becomes the Allure result's status details (a no-op unless a check quoted a secret).
  // Named an assertion so Allure reports the target's deviation as `failed`; a harness error stays `broken`.
  if (failed.length > 0) throw Object.assign(new Error(scrub(failed.map((o) => `${o.checkId}: ${o.message}`).join('\n'), secrets)), { name: 'AssertionError' });
  if (errors.length > 0) throw new Error(scrub(errors.map((o) => `${o.checkId} (harness error): ${o.message}`).join('\n'), secrets));
  if (outcomes.length > 0 && outcomes.every((o) => o.status === 'skipped' || o.status === 'not-applicable'))
    skip(outcomes.find((o) => o.status === 'skipped')?.message ?? `nothing to judge: ${outcomes[0]?.message ?? ''}`);
}

/** One test: runs the scenario, hands its outcomes, statuses and timing to the reporter, labels it, judges it. */
async function testScenario(file: SuiteFile, scenario: Scenario, { task, skip, annotate }: Pick<TestContext, 'task' | 'skip' | 'annotate'>): Promise<void> {
  const record = emptyRecord();
  const { result: outcomes, timeline } = await withTimeline(() => file.calls.during(record, () => runScenario(file.ctx(), scenario)), waitsOnTarget(scenario));
  task.meta.ims = { ...toMeta(scenario.operation.operationId, outcomes), statuses: record.statuses, timing: timeline.timing() };
  const { suite, config, secrets } = file;
  const unlabelled = await labelForAllure({ suite, scenario, outcomes, principals: [...record.principals], seed: config.seed, secrets });
  if (unlabelled) await annotate(unlabelled, 'warning');
  judge(outcomes, secrets, skip);
}

/**
 * Declares one suite file's tests: every scenario of the spec that belongs to `suite`, grouped by operation.
 * A test passes when all its checks pass, fails with the findings, and is skipped with the reason when it
 * could not run; the outcomes travel to the reporter in `task.meta`.
 */
export async function defineSuite(suite: string): Promise<void> {
  const config = inject('imsConfig');
  const spec = await loadSpec(undefined, config.profile);
  // Declared (and so started) first: the scenarios whose chains of waits bound the run against a slow target.
  const scenarios = waitingFirst(scenariosFor(spec.operations).filter((s) => suiteOf(s) === suite && selected(s, config.only)));
  const calls = new CallRecorder();
  const file: SuiteFile = { suite, config, secrets: secretsOf(config), calls, ctx: contextPerFile(config, spec, calls) };
  const operations = [...new Set(scenarios.map((s) => s.operation))];
  for (const op of operations) {
    describe.concurrent(`${op.operationId} — ${op.method.toUpperCase()} ${op.path} (seed ${config.seed})`, () => {
      for (const scenario of scenarios.filter((s) => s.operation === op))
        it(scenario.title, ({ task, skip, annotate }) => testScenario(file, scenario, { task, skip, annotate }));
    });
  }
}
