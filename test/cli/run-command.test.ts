import { describe, expect, it } from 'vitest';
import { imsConformance as runCli } from '../support/run-cli.js';

const imsConformance = (...args: string[]) => runCli(args);

// A whole run on the clean mock (every operation, exit 0, the matrix and the seed) and a failing run (exit 1, the
// failing check, documented vs received, the re-run line) are pinned in run-output.test.ts, which makes the one
// whole run of the CLI tests. The runs here are narrowed to what each pins and run side by side.
describe.concurrent('ims-conformance run (built CLI, vitest suites, embedded mock)', () => {
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
    expect(bad.stderr.trim()).toBe('ims-conformance run: --mock-variant "lenient" is not one of default, alternative, ims-errors');
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
