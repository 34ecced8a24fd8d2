import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/engine/run-suite.js';
import { FAULTS } from '../../mock/faults/catalogue.js';

/**
 * The proof that the checks can fail: the suite passes on the clean mock, and for every named fault of the
 * mock the run fails on a check the fault's catalogue entry names. A fault no check catches is a suite defect.
 */
const matrix = new Map<string, string[]>();
// The mock finishes jobs in ~20 ms; 1.5 s tells "never finishes" apart even on a loaded CI machine (only a job
// still running when asked after the bound counts as stuck, so a slow reply is no false alarm).
const config = () => loadConfig({ seed: '20261122', runs: '5', 'poll-timeout': '1500' }, {});

afterAll(() => {
  const lines = [...matrix].map(([fault, failing]) => `${fault.padEnd(32)} ${failing.length > 0 ? failing.join(', ') : '— (not caught)'}`);
  process.stdout.write(`\nfault × failing checks\n${lines.join('\n')}\n`);
});

describe('the suite against its own mock', () => {
  it('passes every check on the clean mock', async () => {
    const outcome = await runSuite(config());
    const notPassed = outcome.results.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}: ${r.message.slice(0, 300)}`);
    expect(notPassed).toEqual([]);
    expect(outcome.leftovers).toEqual([]);
  });

  // Fault runs are independent mocks and mostly wait (Retry-After, polling), so they run side by side.
  it.concurrent.each(FAULTS.map((f) => [f.name, f.detectedBy] as const))('catches fault %s with one of %j', async (name, detectedBy) => {
    const outcome = await runSuite(config(), { mock: { faults: [name] } });
    const failingChecks = [...new Set(outcome.results.filter((r) => r.status === 'failed').map((r) => r.checkId))].sort();
    matrix.set(name, failingChecks);
    expect(failingChecks.filter((c) => (detectedBy as readonly string[]).includes(c)), `failing: ${failingChecks.join(', ') || 'none'}`).not.toEqual([]);
    // A fault may break the setup a scenario needs (an error result); a thrown exception would be a suite bug.
    const thrown = outcome.results.filter((r) => r.status === 'error' && r.message.startsWith('harness error')).map((r) => `${r.id}: ${r.message.slice(0, 300)}`);
    expect(thrown).toEqual([]);
  }, 120_000);
});
