import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import type { Config } from '../config/config.js';
import { scrub, secretsOf } from '../config/redact.js';
import { cleanup } from '../engine/cleanup.js';
import type { CachedToken } from '../engine/credentials.js';
import { RunContext } from '../engine/run-context.js';
import type { CheckOutcome } from '../model/outcome.js';
import { runScenario } from '../engine/run-scenario.js';
import { selected } from '../engine/run-scenarios.js';
import type { Scenario } from '../engine/scenario.js';
import { scenariosFor } from '../engine/scenarios/index.js';
import { withTimeline } from '../engine/timeline.js';
import { waitingFirst, waitsOnTarget } from '../engine/waits-on-target.js';
import { connectPermits } from '../transport/permits.js';
import { loadSpec } from '../spec/load-spec.js';
import { allureEvidence } from './allure-evidence.js';
import { toMeta } from './outcome-meta.js';
import { tallyStatus, type StatusTally } from '../../reports/status-coverage.js';
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
  const secrets = secretsOf(config);
  // The principals a test's requests were sent as, for its Allure `principal` parameter. Tests of a file run
  // concurrently on one RunContext, so each test's calls are told apart by async context, not by order.
  const actingAs = new AsyncLocalStorage<Set<string>>();
  // Every answer a test got, by operation and status (retried 429/503 included): the report's status coverage.
  const answers = new AsyncLocalStorage<StatusTally>();
  let ctx: RunContext;
  beforeAll(() => {
    const permits = inject('imsPermits');
    ctx = new RunContext(config, spec, inject('imsTokens'), permits ? connectPermits(permits) : undefined);
    const call = ctx.call.bind(ctx);
    ctx.call = (op, caller, callSpec) => {
      if ('as' in caller) actingAs.getStore()?.add(caller.as);
      return call(op, caller, callSpec).then((reply) => {
        const tally = answers.getStore();
        if (tally && reply.ok)
          for (const status of [...(reply.exchange.earlierStatuses ?? []), reply.exchange.response.status]) tallyStatus(tally, op.operationId, status);
        return reply;
      });
    };
  });
  // Vitest reads a hook's first parameter as its fixtures and accepts only a destructuring pattern there; the
  // file comes second.
  // biome-ignore lint/correctness/noEmptyPattern: no fixtures wanted, only the file
  afterAll(async ({}, file) => {
    const { timeline } = await withTimeline(() => cleanup(ctx));
    file.meta.imsCleanup = timeline.timing();
    await ctx.close();
  });
  /**
   * Labels the running test for Allure (area → epic, operationId → feature, check → story, every check id as a
   * tag, severity by check), its parameters (seed; the principals it acted as) and the failing exchanges as
   * redacted JSON and curl. Reporting must never change a verdict, so a failure here is not thrown: it is
   * returned, and the test annotates itself with it (reporters show it; the outcomes stand as judged).
   */
  async function describeForAllure(scenario: Scenario, outcomes: CheckOutcome[], principals: string[]): Promise<string | undefined> {
    try {
      const evidence = allureEvidence(scenario, outcomes, secrets, config.seed);
      // The test's identity for Allure's history, without the seed the describe title carries: nightly runs with
      // different seeds then line up as one test's history.
      await allure.testCaseId(createHash('md5').update(`ims-conformance:${suite}#${scenario.title}`).digest('hex'));
      await allure.epic(evidence.epic);
      await allure.feature(evidence.feature);
      await allure.story(evidence.story);
      await allure.tags(...evidence.tags);
      await allure.severity(evidence.severity);
      // Excluded from Allure's history id: the same scenario under another seed or principal set is the same test.
      await allure.parameter('seed', String(config.seed), { excluded: true });
      if (principals.length > 0) await allure.parameter('principal', principals.join(', '), { excluded: true });
      if (evidence.description) await allure.description(evidence.description);
      for (const a of evidence.attachments) await allure.attachment(a.name, a.content, { contentType: a.contentType });
    } catch (error) {
      return scrub(`the Allure labels and evidence of this test were not written: ${(error as Error).message}`, secrets);
    }
    return undefined;
  }
  const operations = [...new Set(scenarios.map((s) => s.operation))];
  for (const op of operations) {
    describe.concurrent(`${op.operationId} — ${op.method.toUpperCase()} ${op.path} (seed ${config.seed})`, () => {
      for (const scenario of scenarios.filter((s) => s.operation === op)) {
        it(scenario.title, async ({ task, skip, annotate }) => {
          const principals = new Set<string>();
          const statuses: StatusTally = {};
          const { result: outcomes, timeline } = await withTimeline(
            () => answers.run(statuses, () => actingAs.run(principals, () => runScenario(ctx, scenario))),
            waitsOnTarget(scenario),
          );
          task.meta.ims = { ...toMeta(op.operationId, outcomes), statuses, timing: timeline.timing() };
          const unlabelled = await describeForAllure(scenario, outcomes, [...principals]);
          if (unlabelled) await annotate(unlabelled, 'warning');
          const failed = outcomes.filter((o) => o.status === 'failed');
          const errors = outcomes.filter((o) => o.status === 'error');
          // Scrubbed: the message becomes the Allure result's status details (a no-op unless a check quoted a secret).
          // Named an assertion so Allure reports the target's deviation as `failed`; a harness error stays `broken`.
          if (failed.length > 0)
            throw Object.assign(new Error(scrub(failed.map((o) => `${o.checkId}: ${o.message}`).join('\n'), secrets)), { name: 'AssertionError' });
          if (errors.length > 0) throw new Error(scrub(errors.map((o) => `${o.checkId} (harness error): ${o.message}`).join('\n'), secrets));
          // Nothing judged is no pass: skipped (with the reason) when no check ran or found anything to judge.
          if (outcomes.length > 0 && outcomes.every((o) => o.status === 'skipped' || o.status === 'not-applicable'))
            skip(outcomes.find((o) => o.status === 'skipped')?.message ?? `nothing to judge: ${outcomes[0]?.message ?? ''}`);
        });
      }
    });
  }
}
