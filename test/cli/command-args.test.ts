import { describe, expect, it } from 'vitest';
import { imsConformance as runCli } from '../support/run-cli.js';

const imsConformance = (...args: string[]) => runCli(args);

// The commands besides run and doctor share one way of reading their flags (src/cli/command-args.ts): --help prints
// the command's own usage, a bad flag or a bad choice is one line naming the command, exit 2.
describe.concurrent('the flags of list, report, merge, init and policies (built CLI)', () => {
  it.each(['list', 'report', 'merge', 'init', 'policies'])('%s --help prints its usage and exits 0', async (command) => {
    const { code, stdout } = await imsConformance(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^usage: ims-conformance ${command}\\b`));
  });

  it.each([
    [['list', '--profile', 'aws'], 'ims-conformance list: --profile "aws" is not one of ims, openstack'],
    [['init', '--profile', 'aws'], 'ims-conformance init: --profile "aws" is not one of ims, openstack'],
    [['policies', '--config', 'x.yaml', '--format', 'xml'], 'ims-conformance policies: --format "xml" is not one of huawei-iam, json'],
    [['merge', 'a', '--fail-on', 'sometimes'], 'ims-conformance merge: --fail-on "sometimes" is not one of any, regressions'],
    [['init', 'extra'], 'ims-conformance init: unexpected argument "extra" (`ims-conformance init --help` lists what it takes)'],
    [
      ['report', '--colour'],
      "ims-conformance report: Unknown option '--colour'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--colour\"",
    ],
  ])('%j exits 2 with one line', async (args, line) => {
    const { code, stderr } = await imsConformance(...args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')[0]).toBe(line);
  });
});
