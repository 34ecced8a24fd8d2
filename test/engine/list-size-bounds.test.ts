import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';

/**
 * Tempest's test_list_images_param_min_max_size on the openstack profile, whose listImages documents size_min
 * and size_max (Glance api-ref): the lifecycle lists its uploaded image by bounds around the size the model
 * knows. The list-size-filter-ignored fault (bounds ignored, other filters applied) must fail list-query on them.
 */
async function listQueryRun(faults: string[]) {
  const spec = await loadSpec(undefined, 'openstack');
  const only = scenariosFor(spec.operations)
    .filter((s) => s.family === 'lifecycle' && s.checks.includes('list-query'))
    .map((s) => `${s.operation.operationId}/list-query`);
  const config = loadConfig({ seed: '20261122', runs: '3', 'poll-timeout': '1500', profile: 'openstack', only }, {});
  const outcome = await runSuite(config, { mock: { faults, profile: 'openstack' } });
  return outcome.results.filter((r) => only.includes(r.id));
}

describe('list-query on the size bounds (openstack profile)', () => {
  it('fails, naming size_min, when the list ignores size_min and size_max', async () => {
    const results = await listQueryRun(['list-size-filter-ignored']);
    const messages = results
      .filter((r) => r.status === 'failed')
      .flatMap((r) => r.findings ?? [])
      .map((f) => f.message);
    expect(messages.some((m) => /size_min=\d+/.test(m))).toBe(true);
  }, 60_000);
});
