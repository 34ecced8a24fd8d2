import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/report-model.js';
import { buildListing } from '../../src/cli/list-command.js';
import { cli, imsConformance, type CliRun } from '../support/run-cli.js';

const exec = promisify(execFile);

const tmp = mkdtempSync(join(tmpdir(), 'ims-run-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The one whole run of the CLI tests: every assertion about a full run reads it. The other runs are narrowed with
// `--only` to what they pin, and all of them run side by side (they wait on their suites more than they compute).
const fullDir = join(tmp, 'full');
let fullRun: Promise<CliRun> | undefined;
const wholeRun = (): Promise<CliRun> => (fullRun ??= imsConformance(['run', '--seed', '7', '--runs', '2', '--report-dir', fullDir]));

describe.concurrent('what a run prints (built CLI, embedded mock)', () => {
  it('a whole run covers every operation and exits 0 on the clean mock, printing the matrix and the seed', async () => {
    const { code, stdout } = await wholeRun();
    expect(code, stdout).toBe(0);
    const { totals } = await buildListing();
    expect(stdout).toMatch(new RegExp(`^PASSED: \\d+ passed, 0 failed, 0 skipped, (\\d+ nothing to judge, )?0 errors — ${totals.operations} operations`, 'm'));
    expect(stdout).toMatch(/^listVersions +✔/m);
    expect(stdout).toContain('seed 7');
  });

  it('in a log: a start line and one line per suite file, no redraws; the results are exactly what `list` promised', async () => {
    const dir = fullDir;
    const { code, stdout } = await wholeRun();
    expect(code, stdout).toBe(0);
    expect(stdout).not.toContain('\r');
    expect(stdout).not.toContain('\x1b[');
    // A "still running" line comes after 30 s without one, which a slow or busy machine may take: not counted.
    const progress = stdout.split('\n').filter((l) => /^(running \d+ suite files|\[\d+:\d\d\] )/.test(l) && !/^\[\d+:\d\d\] still running {2}· /.test(l));
    const suites = (await buildListing()).operations.flatMap((o) => o.tests.map((t) => t.suite));
    const suiteCount = new Set(suites).size;
    expect(progress[0]).toBe(`running ${suiteCount} suite files, ~${suites.length} tests`);
    expect(progress).toHaveLength(1 + suiteCount);
    expect(progress.at(-1)).toMatch(new RegExp(` {2}${suites.length}/${suites.length} tests done, 0 failed so far$`));
    const report = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunReport;
    const listing = await buildListing();
    expect(report.results.map((r) => r.id).sort()).toEqual(listing.operations.flatMap((o) => o.checks.map((c) => `${o.operationId}/${c}`)).sort());
    expect(stdout).toContain(`reports: ${dir}\n`);
    expect(stdout).toMatch(/^ {2}summary\.json {5}machine-readable$/m);
  });

  it('a failure shows what was documented, what came back, the document it rests on, the fix, a curl line with a placeholder, a faithful re-run line and a replay line', async () => {
    const dir = join(tmp, 'fault');
    const { code, stdout } = await imsConformance([
      'run',
      '--seed',
      '5',
      '--runs',
      '2',
      '--mock-fault',
      'create-image-returns-200',
      '--mock-fault',
      'use-after-delete',
      '--mock-variant',
      'alternative',
      '--only',
      'createImage/',
      '--report-dir',
      dir,
    ]);
    expect(code).toBe(1);
    const block = stdout.slice(stdout.indexOf('✘ createImage/status-expected (POST /v2/images)'));
    const lines = block.split('\n').slice(0, 9);
    expect(lines[1]).toBe('  operation: createImage (area images) · check: status-expected — wrong status for the scenario');
    expect(lines[2]).toMatch(/^ {2}documented vs received: Expected 201; received 200/);
    expect(lines[3]).toMatch(/^ {2}documented by: OTC IMS API reference: Creating Image Metadata .*\(https:\/\/.*\)/);
    expect(lines[4]).toBe('  fix: Answer this request with 201 as documented.');
    expect(lines[5]).toMatch(/^ {2}curl: curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/v2\/images' .*-H "x-auth-token: \$X_AUTH_TOKEN"/);
    // The curl line's target was the embedded mock, gone with the run: said so, and replay offered instead.
    expect(lines[6]).toBe('  (the embedded mock it was sent to ended with the run: replay the result instead)');
    // Every mock flag, the profile, the seed and the runs: the line re-runs what ran, not a clean mock.
    const rerun =
      'ims-conformance run --mock-fault create-image-returns-200 --mock-fault use-after-delete --mock-variant alternative --profile ims --seed 5 --runs 2 --only createImage/status-expected';
    expect(lines[7]).toBe(`  re-run: ${rerun}`);
    expect(lines[8]).toBe(`  replay: ims-conformance replay ${dir} createImage/status-expected`);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`\`\`\`sh\n${rerun}\n\`\`\``);
    expect(stdout).toContain(`reports: ${dir}`);
  });

  it('--quiet prints the verdict line only; --verbose one line per test', async () => {
    const quiet = await imsConformance(['run', '--seed', '5', '--runs', '2', '--only', 'showImage/', '--quiet', '--report-dir', join(tmp, 'quiet')]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.trim().split('\n')).toHaveLength(1);
    expect(quiet.stdout).toMatch(/^PASSED: /);
    const verbose = await imsConformance(['run', '--seed', '5', '--runs', '2', '--only', 'showImage/', '--verbose', '--report-dir', join(tmp, 'verbose')]);
    const tests = (await buildListing(['showImage/'])).totals.tests;
    expect(verbose.stdout.split('\n').filter((l) => /^[✔✘–] \S+ › showImage: /.test(l))).toHaveLength(tests);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal: one status line redrawn in place and ended by a newline before the summary', async () => {
    const raw = join(tmp, 'tty.raw');
    const command = `stty cols 100 2>/dev/null; ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} run --seed 5 --runs 2 --only createImage/ --mock-fault create-image-returns-200 --report-dir ${JSON.stringify(join(tmp, 'tty'))}`;
    await exec('script', ['-qfec', command, raw], { timeout: 120_000, env: { ...process.env, NO_COLOR: '' } }).catch(() => undefined);
    const out = readFileSync(raw, 'utf8').replace(/\r\n/g, '\n');
    expect(out).toMatch(/\r\x1b\[2K▸ \d:\d\d {2}\d+\/~?\d+ tests/);
    expect(out).toMatch(/\r\x1b\[2K\x1b\[31m✘\x1b\[0m \d:\d\d {2}(\d+)\/\1 tests {2}\x1b\[31m\d+ failed\x1b\[0m\n\noperation /);
    expect(out).toMatch(/\x1b\[31m✘\x1b\[0m images › createImage: the documented request answers 201/);
  });
});
