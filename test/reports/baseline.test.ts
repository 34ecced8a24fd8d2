import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, failsUnder, loadBaseline } from '../../reports/baseline.js';
import { ReportFileError, validateReport } from '../../reports/read-report.js';
import { failOnNote, loadReportOptions, ReportOptionError } from '../../reports/report-options.js';
import { report, result } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'ims-baseline-'));
const save = (name: string, value: unknown): string => {
  const path = join(tmp, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

const previous = report([
  result('listImages/pagination', 'failed', 'old'),
  result('listImages/status-expected', 'passed'),
  result('showImage/ep-isolation', 'error', 'old'),
  result('showImage/unknown-id-404', 'failed', 'old'),
  result('addImageMember/iam-denied', 'waived', 'accepted'),
  result('addImageMember/sharing-semantics', 'failed', 'old'),
  result('deleteImage/use-after-delete', 'failed', 'not run this time'),
]);

describe('baseline comparison (by stable result id)', () => {
  const file = save('summary.json', previous);
  const current = report([
    result('listImages/pagination', 'passed'),
    result('listImages/status-expected', 'failed', 'new'),
    result('showImage/ep-isolation', 'failed', 'still'),
    result('showImage/unknown-id-404', 'skipped', 'no fixture'),
    result('addImageMember/iam-denied', 'failed', 'the waiver expired'),
    result('addImageMember/sharing-semantics', 'waived', 'accepted now', { waiver: { reason: 'ok' } }),
  ]);

  it('lists new, fixed and unchanged failures; failed and error both count as failing', () => {
    const out = compareWithBaseline(current, loadBaseline(file));
    expect(out.baseline).toEqual({
      file,
      new: ['addImageMember/iam-denied', 'listImages/status-expected'],
      fixed: ['listImages/pagination'],
      unchanged: ['showImage/ep-isolation'],
      lost: [],
    });
    expect(validateReport(out)).toEqual({ valid: true, errors: [] });
  });

  it('reads a report directory as its summary.json, and only needs ids and statuses', () => {
    expect(loadBaseline(tmp).file).toBe(file);
    const minimal = save('minimal.json', { results: [{ id: 'listImages/pagination', status: 'failed' }] });
    expect(compareWithBaseline(current, loadBaseline(minimal)).baseline?.fixed).toEqual(['listImages/pagination']);
  });

  it.each([
    ['missing.json', undefined, /^--baseline .*missing\.json: not found/],
    ['garbage.json', '{not json', /^--baseline .*garbage\.json: not valid JSON/],
    ['noresults.json', { tool: 'x' }, /^--baseline .*noresults\.json: not an ims-conformance summary\.json \(no results list\)$/],
    ['badresult.json', { results: [{ id: 'a/b', status: 'green' }] }, /results\[0\] has no id and status/],
  ])('rejects %s with one line', (name, value, message) => {
    const path = value === undefined ? join(tmp, name) : save(name, value);
    expect(() => loadBaseline(path)).toThrow(ReportFileError);
    expect(() => loadBaseline(path)).toThrow(message);
  });

  it('--fail-on regressions fails only on new failures; --fail-on any on any failure', () => {
    const withNew = compareWithBaseline(current, loadBaseline(file));
    expect(failsUnder(withNew, 'regressions')).toBe(true);
    expect(failOnNote(withNew, { failOn: 'regressions' })).toBe(`--fail-on regressions: 2 new failures against ${file} — exit 1`);
    const onlyOld = compareWithBaseline(
      report([result('showImage/ep-isolation', 'failed', 'still'), result('listImages/pagination', 'passed')]),
      loadBaseline(file),
    );
    expect(onlyOld.verdict).toBe('failed');
    expect(failsUnder(onlyOld, 'regressions')).toBe(false);
    expect(failsUnder(onlyOld, 'any')).toBe(true);
    expect(failOnNote(onlyOld, { failOn: 'regressions' })).toBe(`--fail-on regressions: 1 failing result, none new against ${file} — exit 0`);
    expect(failOnNote(onlyOld, { failOn: 'any' })).toBeUndefined();
  });
});

describe('a baseline is the last green night: passed → skipped is a regression, a failed night is not taken', () => {
  const green = save('green.json', report([result('listImages/pagination', 'passed'), result('showImage/unknown-id-404', 'passed')], { green: true }));

  it('a check that passed in the baseline and is skipped now is lost: a regression under --fail-on regressions, not under the comparison alone', () => {
    const now = report([result('listImages/pagination', 'passed'), result('showImage/unknown-id-404', 'skipped', 'no fixture: serverId')]);
    expect(now.verdict).toBe('passed');
    const out = compareWithBaseline(now, loadBaseline(green));
    expect(out.baseline).toEqual({ file: green, new: [], fixed: [], unchanged: [], lost: ['showImage/unknown-id-404'] });
    expect(validateReport(out)).toEqual({ valid: true, errors: [] });
    expect(failsUnder(out, 'regressions')).toBe(true);
    expect(failsUnder(out, 'any')).toBe(false);
    expect(failOnNote(out, { failOn: 'regressions' })).toBe(
      `--fail-on regressions: 1 passed there and skipped now (showImage/unknown-id-404) against ${green} — exit 1`,
    );
    // Skipped in both: nothing was lost.
    const before = save('skipped-before.json', report([result('showImage/unknown-id-404', 'skipped', 'no fixture')], { green: true }));
    expect(failsUnder(compareWithBaseline(now, loadBaseline(before)), 'regressions')).toBe(false);
  });

  it('a summary.json whose run failed is refused as a baseline with one line; one that passed, or says nothing (older versions), is taken', () => {
    const failedNight = save('failed-night.json', report([result('listImages/pagination', 'failed', 'new that night')], { green: false }));
    expect(() => loadBaseline(failedNight)).toThrow(ReportFileError);
    expect(() => loadBaseline(failedNight)).toThrow(
      `--baseline ${failedNight}: that run failed; compare with the last run that passed (the last green night), never a failed one`,
    );
    expect(() => loadReportOptions({ baseline: failedNight, 'fail-on': 'regressions' }, {})).toThrow(ReportOptionError);
    expect(loadBaseline(green).statuses.get('listImages/pagination')).toBe('passed');
    // Known failures, none new: that night exited 0 under --fail-on regressions, so it is green and taken.
    const knownOnly = save('known-only.json', report([result('listImages/pagination', 'failed', 'known')], { green: true }));
    expect(loadBaseline(knownOnly).statuses.get('listImages/pagination')).toBe('failed');
  });
});

describe('run options', () => {
  it('reads flags before IMS_* variables and checks them before a run', () => {
    const baseline = save('summary.json', previous);
    const waivers = save('w.yaml', '- {id: a/b, reason: x}\n');
    const options = loadReportOptions({ baseline, 'fail-on': 'regressions' }, { IMS_WAIVERS: waivers, IMS_SHARD: '2/3', IMS_FAIL_ON: 'any' });
    expect(options.failOn).toBe('regressions');
    expect(options.shard).toEqual({ index: 2, count: 3 });
    expect(options.waivers?.list).toEqual([{ id: 'a/b', reason: 'x' }]);
    expect(options.baseline?.statuses.get('listImages/pagination')).toBe('failed');
    expect(loadReportOptions({}, {})).toEqual({ failOn: 'any', strict: false, html: false });
    expect(loadReportOptions({ report: ['html'] }, {}).html).toBe(true);
    expect(loadReportOptions({}, { IMS_REPORT: 'html' }).html).toBe(true);
  });

  it.each([
    [{ 'fail-on': 'never' }, '--fail-on: "never" is not any or regressions'],
    [{ 'fail-on': 'regressions' }, '--fail-on regressions needs --baseline <previous summary.json> to tell new failures from known ones'],
    [{ shard: '3/2' }, '--shard: "3/2" is not i/n with 1 ≤ i ≤ n (e.g. --shard 2/4)'],
    [{ waivers: '/nonexistent/w.yaml' }, '--waivers /nonexistent/w.yaml: cannot read it (ENOENT)'],
    [{ report: ['pdf'] }, '--report: "pdf" is not a report to build; use html'],
  ])('rejects %j with one line', (flags, message) => {
    expect(() => loadReportOptions(flags, {})).toThrow(ReportOptionError);
    expect(() => loadReportOptions(flags, {})).toThrow(message);
  });
});
