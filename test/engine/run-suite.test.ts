import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/engine/run-suite.js';

describe('a run against the embedded mock', () => {
  it('passes every check it runs on the clean mock and leaves nothing behind', async () => {
    const outcome = await runSuite(loadConfig({ seed: '1' }, {}));
    const notPassed = outcome.results.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}: ${r.message}`);
    expect(notPassed).toEqual([]);
    expect(outcome.leftovers).toEqual([]);
    expect(new Set(outcome.results.map((r) => r.operationId)).size).toBe(29);
  });
});
