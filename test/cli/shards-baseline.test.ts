import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../../reports/read-report.js';
import type { RunReport } from '../../reports/report-model.js';
import { buildListing } from '../../src/cli/list-command.js';
import { imsConformance as runCli } from '../support/run-cli.js';

const imsConformance = (...args: string[]) => runCli(args);

const tmp = mkdtempSync(join(tmpdir(), 'ims-shards-'));

const summary = (dir: string): RunReport => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunReport;
const COMMON = ['--seed', '11', '--runs', '2', '--quiet', '--mock-fault', 'create-image-returns-200'];

describe('sharded runs, merge, waivers and a baseline (built CLI, embedded mock)', () => {
  const dirs = { s1: join(tmp, 's1'), s2: join(tmp, 's2'), merged: join(tmp, 'merged') };
  let runs: Record<'s1' | 's2' | 'merged', { code: number; stdout: string; stderr: string }>;

  // The two shards are the whole run, once: their merge is checked against the results of a whole run (exactly
  // what `list` promises, as run-output.test.ts shows of a whole run), and it is the baseline of the next test.
  beforeAll(async () => {
    const [s1, s2] = await Promise.all([
      imsConformance('run', ...COMMON, '--shard', '1/2', '--report-dir', dirs.s1),
      imsConformance('run', ...COMMON, '--shard', '2/2', '--report-dir', dirs.s2),
    ]);
    const merged = await imsConformance('merge', dirs.s1, dirs.s2, '--report-dir', dirs.merged);
    runs = { s1, s2, merged };
  }, 300_000);

  it('splits the run into two shards that merge into the results of the whole run', async () => {
    const [a, b] = [summary(dirs.s1), summary(dirs.s2)];
    expect([a.shard, b.shard]).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    const opsA = new Set(a.results.map((r) => r.operationId));
    expect(b.results.some((r) => opsA.has(r.operationId))).toBe(false);
    // The shard holding createImage fails, the other passes.
    expect([runs.s1.code, runs.s2.code].sort()).toEqual([0, 1]);

    const { merged } = runs;
    expect(merged.code, merged.stderr).toBe(1);
    const m = summary(dirs.merged);
    expect(validateReport(m)).toEqual({ valid: true, errors: [] });
    const whole = (await buildListing()).operations.flatMap((o) => o.checks.map((c) => `${o.operationId}/${c}`));
    expect(m.results.map((r) => r.id)).toEqual(whole.sort((x, y) => x.localeCompare(y)));
    expect(m.results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual(expect.arrayContaining(['createImage/status-expected']));
    expect(merged.stdout).toMatch(/^FAILED: \d+ passed, \d+ failed/m);
    expect(readFileSync(join(dirs.merged, 'summary.md'), 'utf8')).toContain('### ✘ createImage/status-expected');

    // report.html only when asked: merge did not build it; `report` (how a run gets it afterwards) does.
    expect(existsSync(join(dirs.merged, 'report.html'))).toBe(false);
    const regenerated = await imsConformance('report', dirs.merged);
    expect(regenerated.code, regenerated.stderr).toBe(0);
    expect(existsSync(join(dirs.merged, 'report.html'))).toBe(true);
  }, 120_000);

  it('--waivers and --baseline with --fail-on regressions: exit 1 only for a new failure', async () => {
    const waivers = join(tmp, 'waivers.yaml');
    writeFileSync(waivers, '- id: createImage/status-expected\n  reason: vendor answers 200, ticket IMS-42\n  expires: 2999-12-31\n');
    // A failed night is never a baseline: the merged run failed, so it is refused with one line (exit 2).
    const refused = await imsConformance('run', ...COMMON, '--only', 'showImage/status-expected', '--baseline', dirs.merged, '--fail-on', 'regressions');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `ims-conformance run: --baseline ${join(dirs.merged, 'summary.json')}: that run failed; compare with the last run that passed (the last green night), never a failed one`,
    ]);
    // The night that accepted these failures: the same results, exited 0 (as under --fail-on regressions against its own baseline).
    const green = join(tmp, 'green-night.json');
    writeFileSync(green, JSON.stringify({ ...summary(dirs.merged), green: true }));
    const flags = ['--only', 'createImage/', '--only', 'showImage/', '--baseline', green, '--fail-on', 'regressions', '--waivers', waivers];
    const [known, regressed] = await Promise.all([
      imsConformance('run', ...COMMON, ...flags, '--report-dir', join(tmp, 'known')),
      imsConformance('run', ...COMMON, ...flags, '--mock-fault', 'use-after-delete', '--report-dir', join(tmp, 'regressed')),
    ]);
    expect(known.code, known.stdout + known.stderr).toBe(0);
    const k = summary(join(tmp, 'known'));
    expect(k.results.find((r) => r.id === 'createImage/status-expected')).toMatchObject({
      status: 'waived',
      waiver: { reason: 'vendor answers 200, ticket IMS-42', expires: '2999-12-31' },
    });
    expect(k.baseline?.new).toEqual([]);
    // The fault answers 200 where 201 is documented: the allowed principals' calls fail iam-allowed too.
    expect(k.baseline?.unchanged).toEqual(['createImage/iam-allowed', 'createImage/status-documented']);

    expect(regressed.code).toBe(1);
    const r = summary(join(tmp, 'regressed'));
    expect(r.baseline?.new).toEqual(['showImage/use-after-delete']);
    const md = readFileSync(join(tmp, 'regressed', 'summary.md'), 'utf8');
    expect(md).toContain('- **New failures (1):** `showImage/use-after-delete`');
    expect(md).toContain('| `createImage/status-expected` | `POST /v2/images` | vendor answers 200, ticket IMS-42 | 2999-12-31 |');
  }, 300_000);

  it('--fail-on regressions: a check that passed in the baseline and is skipped now is a regression (exit 1), listed as such', async () => {
    const only = ['--seed', '11', '--runs', '2', '--only', 'createImage/status-expected', '--only', 'listImages/status-expected'];
    const base = await imsConformance('run', ...only, '--quiet', '--report-dir', join(tmp, 'all-passed'));
    expect(base.code, base.stderr).toBe(0);
    // --read-only skips the create checks: they no longer prove anything, though nothing failed.
    const now = await imsConformance(
      'run',
      ...only,
      '--read-only',
      '--baseline',
      join(tmp, 'all-passed'),
      '--fail-on',
      'regressions',
      '--report-dir',
      join(tmp, 'lost'),
    );
    expect(now.code, now.stdout + now.stderr).toBe(1);
    const lost = summary(join(tmp, 'lost')).baseline?.lost ?? [];
    expect(lost).toContain('createImage/status-expected');
    expect(lost.every((id) => id.startsWith('createImage/'))).toBe(true);
    expect(now.stdout).toContain(
      `--fail-on regressions: ${lost.length} passed there and skipped now (${lost.join(', ')}) against ${join(tmp, 'all-passed', 'summary.json')} — exit 1`,
    );
    expect(readFileSync(join(tmp, 'lost', 'summary.md'), 'utf8')).toContain(`- **Passed there, skipped now (${lost.length}):** `);
    expect(summary(join(tmp, 'lost')).green).toBe(false);
  }, 300_000);
});
