import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportResult, RunReport } from '../../reports/report-model.js';
import { curlOf } from '../../reports/build-report.js';
import { printSummary } from '../../src/run/console-output.js';
import { verdictOf } from '../../reports/build-report.js';
import { emptyTotals } from '../../reports/statuses.js';

const dir = mkdtempSync(join(tmpdir(), 'ims-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { operationId: 'createImage', method: 'POST', path: '/v2/images', area: 'images', exchanges: [] };

const failed: ReportResult = {
  ...base,
  id: 'createImage/status-expected',
  check: 'status-expected',
  status: 'failed',
  message: 'Expected 201; received 200 ({"id":"1"}).',
  hint: 'Answer this request with 201 as documented.',
  reproduce: 'ims-conformance run --profile ims --seed 5 --only createImage/status-expected',
  curl: `curl -i -X POST 'http://127.0.0.1:1/v2/images' -H 'accept: application/json' -H "x-auth-token: $X_AUTH_TOKEN" --data-binary '{"name":"x"}'`,
  findings: [
    {
      title: 'wrong status for the scenario',
      message: 'Expected 201; received 200 ({"id":"1"}).',
      hint: 'Answer this request with 201 as documented.',
      specRef: '#/paths/~1v2~1images/post',
    },
  ],
};

function report(results: ReportResult[], extra: Partial<RunReport> = {}): RunReport {
  const totals = emptyTotals();
  for (const r of results) totals[r.status]++;
  return {
    tool: { name: 'ims-conformance', version: '0.0.0' },
    target: 'http://127.0.0.1:1',
    embedded: true,
    profile: 'ims',
    seed: 5,
    runs: 3,
    runId: 'imsc-test',
    startedAt: new Date(0).toISOString(),
    durationMs: 1234,
    verdict: verdictOf(totals),
    spec: { version: '1.0.0', hash: 'abc' },
    totals,
    operations: [],
    results,
    ...extra,
  };
}

function print(rep: RunReport, options: { color?: boolean; quiet?: boolean; reportDir?: string } = {}): string[] {
  const lines: string[] = [];
  printSummary(rep, { out: (l) => lines.push(l), color: options.color ?? false, quiet: options.quiet ?? false, verbose: false }, options.reportDir);
  return lines;
}

describe('the end of a run on the console', () => {
  it('shows each failure with operation, check, documented vs received, fix, curl and re-run line', () => {
    const lines = print(report([failed]));
    const at = lines.indexOf('✘ createImage/status-expected (POST /v2/images)');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at, at + 7)).toEqual([
      '✘ createImage/status-expected (POST /v2/images)',
      '  operation: createImage (area images) · check: status-expected — wrong status for the scenario',
      '  documented vs received: Expected 201; received 200 ({"id":"1"}).',
      '  fix: Answer this request with 201 as documented.',
      `  curl: curl -i -X POST 'http://127.0.0.1:1/v2/images' -H 'accept: application/json' -H "x-auth-token: $X_AUTH_TOKEN" --data-binary '{"name":"x"}'`,
      '  (the embedded mock it was sent to ended with the run: replay the result instead)',
      '  re-run: ims-conformance run --profile ims --seed 5 --only createImage/status-expected',
    ]);
    expect(lines.join('\n')).toContain('set $X_AUTH_TOKEN');
    expect(lines.at(-1)).toBe('FAILED: 0 passed, 1 failed, 0 skipped, 0 errors — 1 operations, 1 operation × check results, 1.2 s, seed 5');
  });

  it('writes curl lines whose credential placeholders expand in a shell, and leaves everything else single-quoted', () => {
    const curl = curlOf({
      request: { method: 'POST', url: 'http://x/v2/images', headers: { 'x-auth-token': '***', 'x-note': 'costs $5' }, body: { a: '$HOME' } },
      response: { status: 201, headers: {}, body: '' },
    });
    expect(curl).toBe(`curl -i -X POST 'http://x/v2/images' -H "x-auth-token: $X_AUTH_TOKEN" -H 'x-note: costs $5' --data-binary '{"a":"$HOME"}'`);
  });

  it('names the report directory and what is in it, the HTML report first', () => {
    const reportDir = join(dir, 'r1');
    mkdirSync(join(reportDir, 'allure-results'), { recursive: true });
    for (const f of ['summary.json', 'junit.xml', 'report.html', 'summary.md']) writeFileSync(join(reportDir, f), '');
    const lines = print(report([{ ...failed, status: 'passed', findings: [], message: '' }]), { reportDir });
    const at = lines.indexOf(`reports: ${reportDir}`);
    expect(lines.slice(at, at + 6)).toEqual([
      `reports: ${reportDir}`,
      '  report.html      the HTML report: open it in a browser',
      '  summary.md       the acceptance report',
      '  junit.xml        for CI',
      '  summary.json     machine-readable',
      '  allure-results/  Allure raw results',
    ]);
  });

  it('groups skipped checks by reason and lists waivers and the baseline comparison', () => {
    const skipped = (id: string, message: string): ReportResult => ({ ...failed, id, status: 'skipped', message, findings: [] });
    const rep = report(
      [
        skipped('a/x', 'principal ak uses AK/SK signing'),
        skipped('b/x', 'principal ak uses AK/SK signing'),
        skipped('c/x', 'needs fixtures.serverId'),
        { ...failed, id: 'd/x', status: 'waived', waiver: { reason: 'vendor ticket 42', expires: '2027-01-01' } },
      ],
      { baseline: { file: 'prev/summary.json', new: ['e/x'], fixed: ['f/x'], unchanged: [] } },
    );
    const text = print(rep).join('\n');
    expect(text).toContain('3 checks skipped, by reason:\n  –   2 × principal ak uses AK/SK signing\n  –   1 × needs fixtures.serverId');
    expect(text).toContain('  ≈ d/x — vendor ticket 42 (until 2027-01-01)');
    expect(text).toContain('against prev/summary.json: 1 new failures, 1 fixed, 0 unchanged\n  new: e/x\n  fixed: f/x');
  });

  it('colours only when asked (a terminal without NO_COLOR), and --quiet prints only the verdict', () => {
    expect(print(report([failed])).join('\n')).not.toContain('\x1b[');
    const coloured = print(report([failed]), { color: true });
    expect(coloured.join('\n')).toContain('\x1b[31m✘\x1b[0m');
    expect(coloured.at(-1)).toMatch(/^\x1b\[31mFAILED\x1b\[0m: /);
    expect(print(report([failed]), { quiet: true })).toEqual([
      'FAILED: 0 passed, 1 failed, 0 skipped, 0 errors — 1 operations, 1 operation × check results, 1.2 s, seed 5',
    ]);
  });

  it("says in the last line's one phrase why the run took as long as it did: its requests and its longest chain", () => {
    const timings = { wallMs: 1_200, requests: 1_250, criticalPath: { ms: 8_100, scenario: 'lifecycles › x', requests: 40, waitMs: 6_000 }, waitMs: 20_000 };
    expect(print(report([failed], { timings }), { quiet: true })).toEqual([
      'FAILED: 0 passed, 1 failed, 0 skipped, 0 errors — 1 operations, 1 operation × check results, 1.2 s (1250 requests; longest chain 8.1 s, 6.0 s of it waiting), seed 5',
    ]);
  });

  it('keeps a long list short: the first failures in full, the rest one line each', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...failed, id: `op${i}/status-expected`, operationId: `op${i}` }));
    const lines = print(report(many));
    expect(lines.filter((l) => l.startsWith('  re-run: '))).toHaveLength(25);
    expect(lines).toContain('5 more (details in the reports):');
    expect(lines).toContain('✘ op29/status-expected (POST /v2/images) — Expected 201; received 200 ({"id":"1"}).');
  });
});
