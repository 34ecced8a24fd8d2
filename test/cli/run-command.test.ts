import { describe, expect, it } from 'vitest';
import { imsConformance as runCli } from '../support/run-cli.js';

const imsConformance = (...args: string[]) => runCli(args);



describe('ims-conformance run (built CLI, vitest suites, embedded mock)', () => {
  it('covers all 35 operations and exits 0 on the clean mock, printing the matrix and the seed', async () => {
    const { code, stdout } = await imsConformance('run', '--seed', '5', '--runs', '3');
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^PASSED: \d+ passed, 0 failed, 0 skipped, (\d+ nothing to judge, )?0 errors — 35 operations/m);
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

  it('exits 2, not PASSED, when --only selects no test', async () => {
    const { code, stderr } = await imsConformance('run', '--only', 'noSuchOperation/');
    expect(code).toBe(2);
    expect(stderr).toContain('--only noSuchOperation/ selects no test');
  });

  it('exits 2, not PASSED, when every selected check was skipped: the run judged nothing', async () => {
    const { code, stdout, stderr } = await imsConformance('run', '--seed', '5', '--runs', '2', '--profile', 'openstack', '--only', 'createCloudImage/');
    expect(code, stdout).toBe(2);
    expect(stdout).toMatch(/^NOT-JUDGED: 0 passed, 0 failed, \d+ skipped/m);
    expect(stderr).toContain('no check judged anything');
  });

  // A whole run on the alternative personality is the fault self-test's and `npm run sweep:seeds`' job (in process).
  it('refuses an unknown --mock-variant with exit 2 and one line naming the variants', async () => {
    const bad = await imsConformance('run', '--mock-variant', 'lenient');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('ims-conformance run: unknown --mock-variant "lenient"; use default or alternative');
  });

  it('takes --mock-appear-delay only as a whole number of milliseconds', async () => {
    const bad = await imsConformance('run', '--mock-appear-delay', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('ims-conformance run: --mock-appear-delay must be a whole, non-negative number of milliseconds, got "soon"');
  });

  it('exits 2 with one line for a bad flag value', async () => {
    const { code, stderr } = await imsConformance('run', '--concurrency', 'lots');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['ims-conformance run: --concurrency: "lots" is not a whole number']);
  });
});
