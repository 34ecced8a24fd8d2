import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/report-model.js';
import { mergeCommand } from '../../src/cli/merge-command.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { runCommand } from '../../src/cli/run-command.js';
import { report, result } from '../reports/fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'ims-report-cmd-'));
let n = 0;
function saved(r: RunReport | string): string {
  const dir = join(tmp, `dir-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'summary.json'), typeof r === 'string' ? r : JSON.stringify(r, null, 2));
  return dir;
}
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const failingReport = report([result('listImages/pagination', 'failed', 'marker repeated'), result('showImage/ep-isolation', 'skipped', 'no EP principal')]);

describe('ims-conformance report <dir>', () => {
  it('regenerates summary.md and junit.xml next to a valid summary.json, exit 0', async () => {
    const dir = saved(failingReport);
    const t = io();
    expect(await reportCommand([dir], t.io)).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('### ✘ listImages/pagination');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<testcase classname="images.listImages" name="pagination">');
    expect(t.out.join('\n')).toMatch(/^FAILED: 0 passed, 1 failed, 1 skipped, 0 errors/m);
    expect(t.err).toEqual([]);
  });

  it('accepts the summary.json path and writes elsewhere with --report-dir', async () => {
    const dir = saved(failingReport);
    const out = join(tmp, 'elsewhere');
    expect(await reportCommand([join(dir, 'summary.json'), '--report-dir', out], io().io)).toBe(0);
    expect(['summary.json', 'summary.md', 'junit.xml'].every((f) => existsSync(join(out, f)))).toBe(true);
  });

  it.each([
    ['a missing directory', () => [join(tmp, 'nope')], /^ims-conformance report: .*nope: not found \(give a report directory or its summary\.json\)$/],
    ['a file that is not JSON', () => [saved('{oops')], /^ims-conformance report: .*summary\.json: not valid JSON \(/],
    [
      'JSON that is not a summary',
      () => [saved(JSON.stringify({ ...failingReport, verdict: 'maybe' }))],
      /^ims-conformance report: .*summary\.json: not an ims-conformance summary\.json: \/verdict must be equal to one of the allowed values$/,
    ],
    ['no directory', () => [], /^ims-conformance report: give one report directory \(or its summary\.json\); got 0$/],
    ['an unknown flag', () => ['--nope'], /^ims-conformance report: Unknown option '--nope'/],
  ])('exits 2 with one line for %s', async (_what, args, message) => {
    const t = io();
    expect(await reportCommand(args(), t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(message);
  });
});

describe('ims-conformance merge <dirs…>', () => {
  const part = (index: number, ids: [string, 'passed' | 'failed'][], extra: Partial<RunReport> = {}): string =>
    saved(
      report(
        ids.map(([id, s]) => result(id, s, s === 'failed' ? 'bad' : '')),
        { shard: { index, count: 2 }, ...extra },
      ),
    );

  it('writes one report set from the shards; exit 1 when the merged run failed, 0 when it passed', async () => {
    const out = join(tmp, 'merged');
    const t = io();
    expect(await mergeCommand([part(1, [['listImages/pagination', 'failed']]), part(2, [['showImage/pagination', 'passed']]), '--report-dir', out], t.io)).toBe(
      1,
    );
    const merged = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunReport;
    expect(merged.results.map((r) => r.id)).toEqual(['listImages/pagination', 'showImage/pagination']);
    expect(merged.shard).toBeUndefined();
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).not.toContain('- **Shard:**');
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    expect(t.out.join('\n')).toMatch(/^FAILED: 1 passed, 1 failed/m);
    expect(
      await mergeCommand(
        [part(1, [['listImages/pagination', 'passed']]), part(2, [['showImage/pagination', 'passed']]), '--report-dir', join(tmp, 'merged-ok')],
        io().io,
      ),
    ).toBe(0);
  });

  it('--fail-on regressions: exit 0 when the shards found no new failure against their baseline', async () => {
    const baseline = { file: 'prev/summary.json', new: [], fixed: [], unchanged: ['listImages/pagination'] };
    const t = io();
    const code = await mergeCommand(
      [
        part(1, [['listImages/pagination', 'failed']], { baseline }),
        part(2, [['showImage/pagination', 'passed']], { baseline: { ...baseline, unchanged: [] } }),
        '--report-dir',
        join(tmp, 'merged-b'),
        '--fail-on',
        'regressions',
      ],
      t.io,
    );
    expect(code).toBe(0);
    expect(t.out).toContain('--fail-on regressions: 1 failing result, none new against prev/summary.json — exit 0');
  });

  it.each([
    [
      'shards of different runs',
      () => [part(1, [['listImages/pagination', 'passed']]), part(2, [['showImage/pagination', 'passed']], { seed: 7 })],
      /not shards of one run: seed 7 ≠ 42 \(run every shard with the same --seed\)$/,
    ],
    ['a missing shard', () => [part(1, [['listImages/pagination', 'passed']])], /shard 2\/2 missing/],
    [
      'an invalid summary',
      () => [part(1, [['listImages/pagination', 'passed']]), saved('[]')],
      /summary\.json: not an ims-conformance summary\.json: \(root\) must be object$/,
    ],
    ['no directories', () => [], /^ims-conformance merge: give the report directories of the shards/],
    [
      '--fail-on regressions without baselines',
      () => [part(1, [['listImages/pagination', 'passed']]), part(2, [['showImage/pagination', 'passed']]), '--fail-on', 'regressions'],
      /needs shards run with --baseline$/,
    ],
  ])('exits 2 with one line for %s', async (_what, args, message) => {
    const t = io();
    expect(await mergeCommand([...args(), '--report-dir', join(tmp, 'never')], t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(/^ims-conformance merge: /);
    expect(t.err[0]).toMatch(message);
  });
});

describe('ims-conformance run: --waivers, --baseline, --fail-on, --shard are checked before anything runs', () => {
  const bad = join(tmp, 'bad-waivers.yaml');
  writeFileSync(bad, '- {id: showImage, reason: x}\n');
  it.each([
    [['--waivers', bad], `ims-conformance run: --waivers ${bad}: entry 1: id must be "operationId/check" or "operationId/" (got "showImage")`],
    [['--waivers', join(tmp, 'none.yaml')], `ims-conformance run: --waivers ${join(tmp, 'none.yaml')}: cannot read it (ENOENT)`],
    [['--baseline', join(tmp, 'none')], `ims-conformance run: --baseline ${join(tmp, 'none')}: not found (give a report directory or its summary.json)`],
    [['--fail-on', 'regressions'], 'ims-conformance run: --fail-on regressions needs --baseline <previous summary.json> to tell new failures from known ones'],
    [['--fail-on', 'sometimes'], 'ims-conformance run: --fail-on: "sometimes" is not any or regressions'],
    [['--shard', '0/3'], 'ims-conformance run: --shard: "0/3" is not i/n with 1 ≤ i ≤ n (e.g. --shard 2/4)'],
  ])('%j → exit 2, one line', async (args, line) => {
    const err: string[] = [];
    const out: string[] = [];
    expect(await runCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l), color: false, env: {} })).toBe(2);
    expect(err).toEqual([line]);
    expect(out).toEqual([]);
  });
});
