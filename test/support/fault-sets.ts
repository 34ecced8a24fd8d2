import { FAULTS, type FaultEntry } from '../../mock/faults/catalogue.js';
import { seededRandom } from '../../src/model/seeded-random.js';

/** One set of faults switched on together, and the profile its contract is judged by. */
export interface FaultSetRun {
  faults: FaultEntry[];
  profile: 'ims' | 'openstack';
}

const entries: readonly FaultEntry[] = FAULTS;

/** Whether two faults are declared not independent (either side, or `*`), with the reason. */
export function dependence(a: FaultEntry, b: FaultEntry): string | undefined {
  const of = (x: FaultEntry, y: FaultEntry) => x.notIndependentOf?.[y.name] ?? x.notIndependentOf?.['*'];
  return of(a, b) ?? of(b, a);
}

/**
 * Whether `fault` may join `set`: independent of every fault in it, and caught by checks none of them is caught
 * by, so each failing check is one fault's and a fault the others hide cannot pass unnoticed. A profile-bound
 * fault makes the set run on that profile; the others hold on both.
 */
function fits(fault: FaultEntry, set: FaultSetRun): boolean {
  if (fault.profile && set.faults.some((f) => f.profile && f.profile !== fault.profile)) return false;
  return set.faults.every((other) => dependence(fault, other) === undefined && !other.detectedBy.some((c) => fault.detectedBy.includes(c)));
}

/**
 * Sets of independent faults, `rounds` times over the catalogue (so each fault is in `rounds` sets, each time
 * with other companions): every round shuffles the faults with the seed and packs each into the first set of
 * the round it fits, up to `size`.
 */
export function faultSets(seed: number, rounds: number, size: number): FaultSetRun[] {
  const random = seededRandom(seed);
  const sets: FaultSetRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = entries.map((f) => [random(), f] as const).sort((a, b) => a[0] - b[0]);
    const mine: FaultSetRun[] = [];
    for (const [, fault] of order) {
      let set = mine.find((s) => s.faults.length < size && fits(fault, s));
      if (!set) {
        set = { faults: [], profile: 'ims' };
        mine.push(set);
      }
      set.faults.push(fault);
      if (fault.profile) set.profile = fault.profile;
    }
    sets.push(...mine);
  }
  return sets;
}

/** `--only` prefixes that run just the scenarios reporting the checks the set's faults name. */
export const onlyFor = (set: FaultSetRun, operationIds: readonly string[]): string[] => {
  const checks = [...new Set(set.faults.flatMap((f) => f.detectedBy))];
  return operationIds.flatMap((op) => checks.map((check) => `${op}/${check}`));
};

/** A result as the checks see it: its id, check and status. */
export interface SetResult {
  id: string;
  checkId: string;
  status: string;
}

/** The faults of a set none of whose named checks failed: what the set's assertion must find empty. */
export const missed = (set: FaultSetRun, results: readonly SetResult[]): string[] =>
  set.faults.filter((f) => !results.some((r) => r.status === 'failed' && (f.detectedBy as readonly string[]).includes(r.checkId))).map((f) => f.name);

/** Every fault in three sets of up to five: the sample the self-test runs (in process, and a covering part through the CLI). */
export const ROUNDS = 3;
export const FAULT_SETS = faultSets(20261208, ROUNDS, 5);
