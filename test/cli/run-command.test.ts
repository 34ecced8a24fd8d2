import { describe, expect, it } from 'vitest';
import { imsConformance as runCli } from '../support/run-cli.js';

const imsConformance = (...args: string[]) => runCli(args);



describe('ims-conformance run (built CLI, vitest suites, embedded mock)', () => {
  it('covers all 29 operations and exits 0 on the clean mock, printing the matrix and the seed', async () => {
    const { code, stdout } = await imsConformance('run', '--seed', '5', '--runs', '3');
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^PASSED: \d+ passed, 0 failed, 0 skipped, 0 errors — 29 operations/m);
    expect(stdout).toContain('listVersions');
    expect(stdout).toContain('seed 5');
  });

  it('exits 1 and names the failing check and how to re-run it when the target breaks the contract', async () => {
    const { code, stdout } = await imsConformance('run', '--seed', '5', '--runs', '3', '--mock-fault', 'create-image-returns-200', '--only', 'createImage/');
    expect(code).toBe(1);
    expect(stdout).toContain('✘ createImage/status-expected (POST /v2/images)');
    expect(stdout).toContain('Expected 201; received 200');
    expect(stdout).toContain('re-run: ims-conformance run --profile ims --seed 5 --only createImage/status-expected');
  });

  it('exits 2 with one line for a bad flag value', async () => {
    const { code, stderr } = await imsConformance('run', '--concurrency', 'lots');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['ims-conformance run: --concurrency: "lots" is not a whole number']);
  });
});
