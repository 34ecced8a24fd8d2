import { it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { loadSpec } from '../../src/spec/load-spec.js';

const CHECKS = ['batch-members-applied', 'ep-migrated', 'async-job-completes'];
it('probe', async () => {
  const ops = (await loadSpec()).operations.map((o) => o.operationId);
  const only = ops.flatMap((op) => CHECKS.map((c) => `${op}/${c}`));
  for (const variant of ['default', 'alternative'] as const)
    for (const faults of [[], ['batch-members-not-applied'], ['ep-migration-not-applied']]) {
      const config = { ...loadConfig({ seed: '1', 'poll-timeout': '1500' }, {}), only };
      const out = await runSuite(config, { mock: { variant, faults } });
      const rows = out.results.filter((r) => CHECKS.includes(r.checkId) && (r.checkId !== 'async-job-completes' || r.status !== 'passed')).map((r) => `${r.id} ${r.status} ${r.message.slice(0, 160)}`);
      console.log(`== ${variant} ${faults.join(',') || 'clean'}\n${rows.join('\n')}\nleftovers ${out.leftovers.length}`);
    }
}, 300_000);
