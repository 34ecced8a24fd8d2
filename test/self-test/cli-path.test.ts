import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_VARIANTS } from '../../mock/variant.js';
import { CHECK_IDS } from '../../src/checks/catalogue.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { FAULT_SETS, missed, onlyFor, type FaultSetRun, type SetResult } from '../support/fault-sets.js';
import { imsConformance } from '../support/run-cli.js';

/**
 * The self-test on the path users run: the built CLI (`ims-conformance run`, vitest and the suites/ files),
 * not the in-process runner the fault matrix and the fault sets use. Sets of the fault-set sample are taken
 * until every check some fault names is named by one of them; each runs as a user would, with its faults on the
 * embedded mock, and its summary.json must show every fault's check failing, as the in-process runs assert.
 */
const AT_ONCE = 2;

/** Sets of the sample, in order, each taken when it names a check no set taken before named. */
function covering(sets: readonly FaultSetRun[]): { set: FaultSetRun; index: number }[] {
  const named = new Set(sets.flatMap((s) => s.faults.flatMap((f) => f.detectedBy as readonly string[])));
  const covered = new Set<string>();
  const taken: { set: FaultSetRun; index: number }[] = [];
  const gain = (s: FaultSetRun) => new Set(s.faults.flatMap((f) => (f.detectedBy as readonly string[]).filter((c) => !covered.has(c)))).size;
  while (covered.size < named.size) {
    const best = sets.map((set, index) => ({ set, index })).reduce((a, b) => (gain(b.set) > gain(a.set) ? b : a));
    for (const f of best.set.faults) for (const c of f.detectedBy) covered.add(c);
    taken.push(best);
  }
  return taken;
}

const runs = covering(FAULT_SETS);
const dirs: string[] = [];
const verdicts = new Map<number, { missed: string[]; harness: string[]; code: number; failing: string[]; ms: number }>();

beforeAll(async () => {
  const operationIds = (await loadSpec()).operations.map((o) => o.operationId);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < runs.length; i = next++) {
      const { set, index } = runs[i] as { set: FaultSetRun; index: number };
      const dir = mkdtempSync(join(tmpdir(), 'ims-cli-path-'));
      dirs.push(dir);
      const args = ['run', '--seed', '20261122', '--runs', '5', '--poll-timeout', '1500', '--profile', set.profile, '--report-dir', dir];
      args.push('--mock-variant', MOCK_VARIANTS[index % MOCK_VARIANTS.length] as string);
      for (const f of set.faults) args.push('--mock-fault', f.name);
      for (const only of onlyFor(set, operationIds)) args.push('--only', only);
      const run = await imsConformance(args);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
        results: { id: string; check: string; status: string; message: string }[];
      };
      const results: SetResult[] = summary.results.map((r) => ({ id: r.id, checkId: r.check, status: r.status }));
      verdicts.set(i, {
        code: run.code,
        ms: run.ms,
        missed: missed(set, results),
        harness: summary.results.filter((r) => r.status === 'error' && r.message.startsWith('harness error')).map((r) => r.id),
        failing: [...new Set(results.filter((r) => r.status === 'failed').map((r) => r.checkId))].sort(),
      });
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  const lines = runs.map(
    ({ set, index }, i) =>
      `${String(index + 1).padStart(2)} ${String(verdicts.get(i)?.ms ?? '-').padStart(6)} ms  ${set.faults.map((f) => f.name).join(' + ')}`,
  );
  process.stdout.write(`\nfault sets run through the CLI (${runs.length})\n${lines.join('\n')}\n`);
}, 600_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the fault self-test through the CLI users run', () => {
  it('takes sets that together name every check of the catalogue some fault is caught by', () => {
    const named = new Set(runs.flatMap(({ set }) => set.faults.flatMap((f) => f.detectedBy as readonly string[])));
    expect(CHECK_IDS.filter((id) => !named.has(id))).toEqual([]);
  });

  it.each(runs.map(({ set, index }, i) => [index + 1, set.faults.map((f) => f.name).join(' + '), i] as const))(
    'set %i: %s — each fault fails a check it names, and the run exits 1',
    (_n, _names, i) => {
      const verdict = verdicts.get(i);
      expect(verdict).toBeDefined();
      expect(verdict?.missed, `failing: ${verdict?.failing.join(', ')}`).toEqual([]);
      expect(verdict?.harness).toEqual([]);
      expect(verdict?.code).toBe(1);
    },
  );
});
