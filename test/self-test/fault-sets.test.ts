import { beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { MOCK_VARIANTS } from '../../mock/variant.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { dependence, FAULT_SETS, missed, onlyFor, ROUNDS, type FaultSetRun } from '../support/fault-sets.js';

/**
 * With several independent faults on at once, each is still reported by its own check: one breach never hides
 * the next. A seeded sample of sets (every fault in three, each time with other companions, the personalities
 * taking turns) runs in process, narrowed to the checks the set's faults name, a few at a time.
 */
const AT_ONCE = 3;
const sets = FAULT_SETS;
const config = (only: string[], profile: FaultSetRun['profile']) => ({
  ...loadConfig({ seed: '20261122', runs: '5', 'poll-timeout': '1500' }, {}),
  only,
  profile,
});

let operationIds: string[] = [];
const verdicts = new Map<number, { missed: string[]; harness: string[]; failing: string[] }>();

beforeAll(async () => {
  operationIds = (await loadSpec()).operations.map((o) => o.operationId);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < sets.length; i = next++) {
      const set = sets[i] as FaultSetRun;
      const variant = MOCK_VARIANTS[i % MOCK_VARIANTS.length];
      const outcome = await runSuite(config(onlyFor(set, operationIds), set.profile), { mock: { faults: set.faults.map((f) => f.name), variant } });
      verdicts.set(i, {
        missed: missed(set, outcome.results),
        harness: outcome.results.filter((r) => r.status === 'error' && r.message.startsWith('harness error')).map((r) => r.id),
        failing: [...new Set(outcome.results.filter((r) => r.status === 'failed').map((r) => r.checkId))].sort(),
      });
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  const lines = sets.map(
    (s, i) =>
      `${String(i + 1).padStart(2)} ${s.profile.padEnd(9)} ${MOCK_VARIANTS[i % MOCK_VARIANTS.length]?.padEnd(11)} ${s.faults.map((f) => f.name).join(' + ')}`,
  );
  process.stdout.write(`\nfault sets run together (${sets.length})\n${lines.join('\n')}\n`);
}, 600_000);

describe('fault sets', () => {
  it('put every fault in three sets, never beside a fault it is not independent of or one caught by the same check', () => {
    for (const fault of FAULTS) expect(sets.filter((s) => s.faults.some((f) => f.name === fault.name)).length, fault.name).toBe(ROUNDS);
    for (const set of sets)
      for (const a of set.faults)
        for (const b of set.faults.filter((f) => f !== a)) {
          expect(dependence(a, b), `${a.name} + ${b.name}`).toBeUndefined();
          expect(
            a.detectedBy.filter((c) => (b.detectedBy as readonly string[]).includes(c)),
            `${a.name} + ${b.name}`,
          ).toEqual([]);
        }
  });

  it('name only faults of the catalogue as not independent, each with a reason', () => {
    const names = new Set<string>(FAULTS.map((f) => f.name));
    for (const fault of FAULTS)
      for (const [other, why] of Object.entries(('notIndependentOf' in fault ? fault.notIndependentOf : undefined) ?? {})) {
        expect(other === '*' || (names.has(other) && other !== fault.name), `${fault.name} → ${other}`).toBe(true);
        expect(why.length, `${fault.name} → ${other}`).toBeGreaterThan(20);
      }
  });

  it.each(sets.map((s, i) => [i + 1, s.faults.map((f) => f.name).join(' + '), i] as const))(
    'set %i: %s — each fault fails a check it names',
    (_n, _names, i) => {
      const verdict = verdicts.get(i);
      expect(verdict).toBeDefined();
      expect(verdict?.missed, `failing: ${verdict?.failing.join(', ')}`).toEqual([]);
      expect(verdict?.harness).toEqual([]);
    },
  );
});
