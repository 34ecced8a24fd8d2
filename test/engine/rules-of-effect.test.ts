import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { CheckResult } from '../../src/model/outcome.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { MOCK_VARIANTS, type MockVariant } from '../../mock/variant.js';

/**
 * The rules of effect (spec/rules.yaml) end to end: the lifecycle model predicts every read after a write, and
 * each rule's check passes on the clean mock (both personalities, both profiles) and fails on the named fault
 * that breaks it. `upload-size-wrong` is judged on the openstack profile: IMS calls `size` "not used", so on the
 * ims profile a wrong size is an advisory, which this test also pins.
 */
const EFFECT_CHECKS = ['patch-applied', 'protected-undeletable', 'upload-integrity', 'upload-conflict', 'list-query', 'member-status-visible'];
const SEED = '20261122';
const OK = new Set(['passed', 'advisory', 'not-applicable']);
/** IMS-only operations are skipped with that reason on the openstack profile: not a result of these rules. */
const outOfProfile = (r: CheckResult): boolean => r.status === 'skipped' && r.message.startsWith('not part of the openstack profile');

async function effectRun(profile: 'ims' | 'openstack', variant: MockVariant, faults: string[] = []): Promise<CheckResult[]> {
  const spec = await loadSpec(undefined, profile);
  const only = scenariosFor(spec.operations)
    .filter((s) => s.family === 'lifecycle')
    .flatMap((s) => s.checks.filter((c) => EFFECT_CHECKS.includes(c)).map((c) => `${s.operation.operationId}/${c}`));
  const config = loadConfig({ seed: SEED, runs: '3', 'poll-timeout': '1500', profile, only }, {});
  const outcome = await runSuite(config, { mock: { variant, faults, ...(profile === 'openstack' ? { profile } : {}) } });
  expect(outcome.leftovers).toEqual([]);
  return outcome.results.filter((r) => only.includes(r.id));
}

const failing = (results: CheckResult[]): string[] => results.filter((r) => r.status === 'failed').map((r) => r.checkId);

describe.each(MOCK_VARIANTS)('rules of effect on the %s personality', (variant) => {
  it.concurrent.each(['ims', 'openstack'] as const)(
    'hold on the clean mock (%s profile), each judged at least once',
    async (profile) => {
      const results = await effectRun(profile, variant);
      expect(results.filter((r) => !OK.has(r.status) && !outOfProfile(r)).map((r) => `${r.id} ${r.status}: ${r.message.slice(0, 200)}`)).toEqual([]);
      const passedChecks = new Set(results.filter((r) => r.status === 'passed').map((r) => r.checkId));
      expect([...passedChecks].sort()).toEqual([...EFFECT_CHECKS].sort());
    },
    60_000,
  );

  const mine = FAULTS.filter((f) => f.detectedBy.some((c) => EFFECT_CHECKS.includes(c)));
  it.concurrent.each(mine.map((f) => [f.name, f.detectedBy as readonly string[]] as const))(
    'catch fault %s with %j',
    async (name, detectedBy) => {
      const fault = FAULTS.find((f) => f.name === name);
      const profile = fault && 'profile' in fault ? fault.profile : 'ims';
      const results = await effectRun(profile, variant, [name]);
      expect(failing(results)).toEqual(expect.arrayContaining(detectedBy.filter((c) => EFFECT_CHECKS.includes(c))));
      const failure = results.find((r) => r.status === 'failed' && detectedBy.includes(r.checkId));
      // Every failure cites the documents the broken rule rests on.
      expect(failure?.findings?.[0]?.documentedBy?.length ?? 0).toBeGreaterThan(0);
    },
    60_000,
  );

  it('report a wrong size as an advisory on the ims profile, where IMS documents size as "not used"', async () => {
    const results = await effectRun('ims', variant, ['upload-size-wrong']);
    expect(failing(results)).toEqual([]);
    expect(results.find((r) => r.checkId === 'upload-integrity' && r.status === 'advisory')).toBeDefined();
  }, 60_000);
});
