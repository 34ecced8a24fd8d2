import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite, type RunOutcome } from '../../src/cli/in-process-run.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { CHECK_IDS } from '../../src/checks/catalogue.js';
import { MOCK_VARIANTS, type MockVariant } from '../../mock/variant.js';

/**
 * The proof that the checks can fail: the suite passes on the clean mock, and for every named fault of the
 * mock the run fails on a check the fault's catalogue entry names — on each of the mock's personalities, so no
 * check catches a fault only because of the spec's own reading of a judgement point. A fault no check catches
 * is a suite defect.
 */
const matrix = new Map<string, string[]>();
// The mock finishes jobs in ~20 ms; 1.5 s tells "never finishes" apart even on a loaded CI machine (only a job
// still running when asked after the bound counts as stuck, so a slow reply is no false alarm).
const config = (only: string[] = []) => ({ ...loadConfig({ seed: '20261122', runs: '5', 'poll-timeout': '1500' }, {}), only });
// The clean runs are the default suite (default number of examples), once per personality; `npm run
// sweep:seeds` runs seeds 1–20 the same way.
const cleanConfig = () => loadConfig({ seed: '20261122', 'poll-timeout': '1500' }, {});

const clean = new Map<MockVariant, RunOutcome>();
let operationIds: string[] = [];
beforeAll(async () => {
  operationIds = (await loadSpec()).operations.map((o) => o.operationId);
  const runs = await Promise.all(MOCK_VARIANTS.map(async (variant) => [variant, await runSuite(cleanConfig(), { mock: { variant } })] as const));
  for (const [variant, outcome] of runs) clean.set(variant, outcome);
}, 300_000);

afterAll(() => {
  const lines = [...matrix].map(([fault, failing]) => `${fault.padEnd(48)} ${failing.length > 0 ? failing.join(', ') : '— (not caught)'}`);
  process.stdout.write(`\nfault × failing checks (new against the clean run of the same variant)\n${lines.join('\n')}\n`);
});

/** Neither failed, nor broken, nor skipped: what the clean mock must give every result (advisories are not failures). */
const ACCEPTED = new Set(['passed', 'advisory', 'not-applicable']);

describe.each(MOCK_VARIANTS)('the suite against its own mock, %s personality', (variant) => {
  it('passes every check on the clean mock', () => {
    const outcome = clean.get(variant);
    expect(outcome).toBeDefined();
    const notPassed = outcome!.results.filter((r) => !ACCEPTED.has(r.status)).map((r) => `${r.id} ${r.status}: ${r.message.slice(0, 300)}`);
    expect(notPassed).toEqual([]);
    expect(outcome!.leftovers).toEqual([]);
  });

  // Fault runs are independent mocks and mostly wait (Retry-After, polling), so they run side by side. Each runs
  // only the scenarios that report a check the catalogue names: that is what has to catch it.
  it.concurrent.each(FAULTS.map((f) => [f.name, f.detectedBy, 'profile' in f ? f.profile : 'ims'] as const))(
    'catches fault %s with one of %j (%s profile)',
    async (name, detectedBy, profile) => {
      const names = detectedBy as readonly string[];
      const only = operationIds.flatMap((op) => names.map((check) => `${op}/${check}`));
      const outcome = await runSuite({ ...config(only), profile }, { mock: { faults: [name], variant } });
      // A check that already fails on the clean mock (a gap not yet closed) proves nothing about the fault.
      const failingClean = new Set((clean.get(variant)?.results ?? []).filter((r) => r.status === 'failed').map((r) => r.id));
      const caught = outcome.results.filter((r) => r.status === 'failed' && names.includes(r.checkId) && !failingClean.has(r.id));
      const failingChecks = [...new Set(outcome.results.filter((r) => r.status === 'failed').map((r) => r.checkId))].sort();
      matrix.set(`${name} (${variant})`, [...new Set(caught.map((r) => r.checkId))].sort());
      expect(
        caught.map((r) => r.id),
        `failing: ${failingChecks.join(', ') || 'none'}`,
      ).not.toEqual([]);
      // A fault may break the setup a scenario needs (an error result); a thrown exception would be a suite bug.
      const thrown = outcome.results
        .filter((r) => r.status === 'error' && r.message.startsWith('harness error'))
        .map((r) => `${r.id}: ${r.message.slice(0, 300)}`);
      expect(thrown).toEqual([]);
    },
    120_000,
  );
});

describe('every check of the catalogue is shown failing', () => {
  it('the checks the faults were caught by, over all faults and personalities, are the whole catalogue', () => {
    const caught = new Set([...matrix.values()].flat());
    expect(
      CHECK_IDS.filter((id) => !caught.has(id)),
      'checks no fault was caught by',
    ).toEqual([]);
  });
});
