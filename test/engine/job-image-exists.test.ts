import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { CheckResult } from '../../src/model/outcome.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { MOCK_VARIANTS, type MockVariant } from '../../mock/variant.js';

/**
 * The rule job-image-exists (spec/rules.yaml): otc-job-status calls a SUCCESS job's `entities.image_id` "the ID
 * of the created image", so the canonical scenario reads that image back as the job's caller and reports a
 * missing one under async-job-completes. The `job-image-missing` fault (SUCCESS naming an image that does not
 * exist) proves the read-back can fail.
 */
const SEED = '20261122';

async function jobRun(variant: MockVariant, faults: string[] = []): Promise<{ results: CheckResult[]; leftovers: string[] }> {
  const spec = await loadSpec(undefined, 'ims');
  const only = scenariosFor(spec.operations)
    .filter((s) => s.family === 'canonical' && s.checks.includes('async-job-completes'))
    .map((s) => `${s.operation.operationId}/async-job-completes`);
  expect(only.length).toBeGreaterThan(0);
  const config = loadConfig({ seed: SEED, runs: '1', 'poll-timeout': '1500', only }, {});
  const outcome = await runSuite(config, { mock: { variant, faults } });
  return { results: outcome.results.filter((r) => only.includes(r.id)), leftovers: outcome.leftovers };
}

describe.each(MOCK_VARIANTS)('the image a finished job names, on the %s personality', (variant) => {
  it('is read back and found on the clean mock', async () => {
    const { results, leftovers } = await jobRun(variant);
    expect(leftovers).toEqual([]);
    expect(results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.message.slice(0, 200)}`)).toEqual([]);
    // A passed result keeps one exchange only; the fault test below shows the read-back is made.
    expect(results.some((r) => r.status === 'passed')).toBe(true);
  }, 60_000);

  it('fails async-job-completes, citing otc-job-status, when the job names an image that does not exist', async () => {
    const { results } = await jobRun(variant, ['job-image-missing']);
    const failures = results.filter((r) => r.status === 'failed');
    expect(failures.length).toBeGreaterThan(0);
    const finding = failures.flatMap((r) => r.findings ?? []).find((f) => f.title === 'job image not readable');
    expect(finding?.documentedBy).toEqual(expect.arrayContaining(['otc-job-status']));
    // The IMS error table's 400 IMG.0027 reads as not there yet, like Glance's 404: both are waited on to the bound.
    expect(finding?.message).toMatch(variant === 'ims-errors' ? /answered 400 until/ : /answered 404/);
  }, 60_000);
});
