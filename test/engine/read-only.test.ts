import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock } from '../../mock/start-mock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/cli/in-process-run.js';

describe('--read-only', () => {
  it('sends nothing but GET and HEAD (and sign-ins), and skips every other check with the reason', async () => {
    const sent: string[] = [];
    const mock = await startMock({ jobDelayMs: 20, observe: (request) => void sent.push(`${request.method} ${request.url.split('?')[0]}`) });
    const dir = mkdtempSync(join(tmpdir(), 'ims-readonly-'));
    const config = join(dir, 'mock.yaml');
    writeFileSync(config, stringify(mock.config));
    const before = mock.state.images.listIncludingDeleted().map((i) => `${i.id} ${i.status} ${i.updatedAt}`);
    try {
      const outcome = await runSuite(loadConfig({ target: mock.url, config, seed: '2', runs: '2', 'read-only': true }, {}));
      const writes = sent.filter((r) => !/^(GET|HEAD) /.test(r) && r !== 'POST /v3/auth/tokens');
      expect(writes).toEqual([]);
      expect(sent.filter((r) => r.startsWith('GET ')).length).toBeGreaterThan(20);
      expect(mock.state.images.listIncludingDeleted().map((i) => `${i.id} ${i.status} ${i.updatedAt}`)).toEqual(before);
      expect(outcome.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
      const deleteChecks = outcome.results.filter((r) => r.operationId === 'deleteImage');
      expect(deleteChecks.length).toBeGreaterThan(0);
      for (const r of deleteChecks) {
        expect(r.status, r.id).toBe('skipped');
        expect(r.message).toMatch(/read-only/);
      }
    } finally {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
