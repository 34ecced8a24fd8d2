import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/cli/embedded-target.js';
import { loadConfig } from '../../src/config/load-config.js';
import { cleanup } from '../../src/engine/cleanup.js';
import { RunContext } from '../../src/engine/run-context.js';
import { runScenario } from '../../src/engine/scenario-execution.js';
import type { Scenario } from '../../src/engine/scenario.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { CHECK_IDS, type CheckId } from '../../src/model/check-id.js';
import { NEVER_RAN, type CheckOutcome } from '../../src/model/outcome.js';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';

/**
 * A result exists only if its check ran. For every check id, the scenarios that report it run against the embedded
 * mock with that one check withheld (applied nowhere, as if a review had dropped it from the scenario's checks):
 * each of its results must then be a harness error saying the check never ran — never passed. The same scenarios
 * with nothing withheld judge the id (passed, advisory or not applicable), so it is the withholding that shows.
 *
 * Narrow on purpose: per id, one scenario of each family that reports it (the first operation in spec order), and
 * few generated examples, so the whole sweep stays within minutes on a small machine.
 */
const config = () => loadConfig({ seed: '20261122', runs: '3', 'poll-timeout': '1500' }, {});

let spec: LoadedSpec;
let scenarios: Scenario[];
beforeAll(async () => {
  spec = await loadSpec();
  scenarios = scenariosFor(spec.operations);
});

/** One scenario per family reporting `id`: the first operation's. */
function reporting(id: CheckId): Scenario[] {
  const byFamily = new Map<string, Scenario>();
  for (const s of scenarios) if (s.checks.includes(id) && !byFamily.has(s.family)) byFamily.set(s.family, s);
  return [...byFamily.values()];
}

/** Runs the scenarios in one fresh run context against a fresh embedded mock, `withheld` applied nowhere. */
async function outcomesFor(
  id: CheckId,
  selected: readonly Scenario[],
  withheld: ReadonlySet<CheckId>,
): Promise<{ scenario: Scenario; outcome: CheckOutcome }[]> {
  const target = await resolveTarget(config());
  const ctx = new RunContext(target.config, spec);
  ctx.withheldChecks = withheld;
  try {
    const found: { scenario: Scenario; outcome: CheckOutcome }[] = [];
    for (const scenario of selected) for (const outcome of await runScenario(ctx, scenario)) if (outcome.checkId === id) found.push({ scenario, outcome });
    return found;
  } finally {
    await cleanup(ctx);
    await ctx.close();
    await target.stop();
  }
}

const shown = (found: { scenario: Scenario; outcome: CheckOutcome }[]): string[] =>
  found.map(({ scenario, outcome }) => `${scenario.family} ${scenario.operation.operationId}: ${outcome.status} ${outcome.message.slice(0, 160)}`);

const ran: string[] = [];
afterAll(() => {
  process.stdout.write(`\nremove-a-check: ${ran.length} check ids withheld in turn\n${ran.join('\n')}\n`);
});

describe('a result exists only if its check ran', () => {
  it.each(CHECK_IDS.map((id) => [id]))(
    'withholding %s leaves its results never-run errors, never passed',
    async (id) => {
      const selected = reporting(id);
      expect(selected.length, `no scenario reports ${id}`).toBeGreaterThan(0);

      const judgedAsUsual = await outcomesFor(id, selected, new Set());
      expect(
        judgedAsUsual.filter(({ outcome }) => ['passed', 'advisory', 'not-applicable'].includes(outcome.status)),
        `with nothing withheld, ${id} is judged somewhere:\n${shown(judgedAsUsual).join('\n')}`,
      ).not.toHaveLength(0);

      const withheld = await outcomesFor(id, selected, new Set([id]));
      expect(withheld.length, `${id} still gets a result per scenario`).toBe(judgedAsUsual.length);
      // A scenario may still skip for what the config lacks before it applies anything; it never passes.
      const judgedAnyway = withheld.filter(({ outcome }) => outcome.status !== 'skipped' && !(outcome.status === 'error' && outcome.message === NEVER_RAN));
      expect(shown(judgedAnyway)).toEqual([]);
      expect(withheld.filter(({ outcome }) => outcome.message === NEVER_RAN).length, shown(withheld).join('\n')).toBeGreaterThan(0);
      ran.push(`${id.padEnd(24)} ${selected.map((s) => `${s.family}/${s.operation.operationId}`).join(', ')}`);
    },
    120_000,
  );
});
