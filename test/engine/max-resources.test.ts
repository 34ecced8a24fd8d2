import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock } from '../../mock/start-mock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { runIdOf } from '../../src/engine/sweep.js';

/** Quota-limited projects: with --max-resources N the run never has more than N of its images alive at once. */
describe('--max-resources', () => {
  const peakAlive = async (extra: Record<string, string>): Promise<{ peak: number; skipped: string[]; failed: string[] }> => {
    let peak = 0;
    let count = (): number => 0;
    const mock = await startMock({
      jobDelayMs: 20,
      observe: () => {
        peak = Math.max(peak, count());
      },
    });
    count = () => mock.state.images.list().filter((i) => runIdOf(i) !== undefined).length;
    const dir = mkdtempSync(join(tmpdir(), 'ims-maxres-'));
    const config = join(dir, 'mock.yaml');
    writeFileSync(config, stringify(mock.config));
    const outcome = await runSuite(
      loadConfig({ target: mock.url, config, seed: '4', runs: '2', 'poll-timeout': '3000', only: ['images/', 'sharing/', 'lifecycles/'], ...extra }, {}),
    ).finally(async () => {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return {
      peak,
      skipped: outcome.results.filter((r) => r.status === 'skipped').map((r) => r.message),
      failed: outcome.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.message}`),
    };
  };

  it('keeps the run under the cap, where an uncapped run goes over it', async () => {
    const free = await peakAlive({});
    expect(free.peak).toBeGreaterThan(3);
    const capped = await peakAlive({ 'max-resources': '3' });
    expect(capped.failed).toEqual([]);
    expect(capped.peak).toBeLessThanOrEqual(3);
    for (const reason of capped.skipped) expect(reason).toMatch(/--max-resources 3|not part of|principal|fixture/);
  }, 120_000);
});
