import { describe, expect, it } from 'vitest';
import { MergeError, mergeReports, type ShardReport } from '../../reports/merge.js';
import { validateReport } from '../../reports/read-report.js';
import type { RunReport } from '../../reports/report-model.js';
import { report, result } from './fixtures.js';
import { emptyTotals } from '../../reports/statuses.js';

const shard = (index: number, count: number, ids: string[], extra: Partial<RunReport> = {}): ShardReport => ({
  source: `shard-${index}/summary.json`,
  report: report(
    ids.map((id) => (id.endsWith('!') ? result(id.slice(0, -1), 'failed', 'bad') : result(id, 'passed'))),
    { shard: { index, count }, runId: `imsc-${index}`, ...extra },
  ),
});

describe('merging shard reports', () => {
  it('concatenates results in id order, retotals, spans the shards in time and drops the shard marker', () => {
    const merged = mergeReports([
      shard(2, 2, ['showImage/pagination!', 'showImage/auth-missing'], { startedAt: '2026-01-02T03:04:10.000Z', durationMs: 10_000 }),
      shard(1, 2, ['listImages/pagination', 'addImageMember/iam-denied'], { startedAt: '2026-01-02T03:04:05.000Z', durationMs: 3_000 }),
    ]);
    expect(merged.results.map((r) => r.id)).toEqual(['addImageMember/iam-denied', 'listImages/pagination', 'showImage/auth-missing', 'showImage/pagination']);
    expect(merged.totals).toEqual({ ...emptyTotals(), passed: 3, failed: 1 });
    expect(merged.verdict).toBe('failed');
    expect(merged.shard).toBeUndefined();
    expect(merged.startedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(merged.durationMs).toBe(15_000);
    expect(merged.runId).toBe('imsc-2,imsc-1');
    expect(validateReport(merged)).toEqual({ valid: true, errors: [] });
  });

  it('unions the shards’ baseline comparisons', () => {
    const b = (n: string[], f: string[], u: string[], lost?: string[]) => ({
      baseline: { file: 'prev/summary.json', new: n, fixed: f, unchanged: u, ...(lost ? { lost } : {}) },
    });
    const merged = mergeReports([
      shard(1, 2, ['listImages/pagination!'], b(['listImages/pagination'], [], [], ['listImages/status-expected'])),
      shard(2, 2, ['showImage/pagination'], b([], ['showImage/pagination'], [])),
    ]);
    expect(merged.baseline).toEqual({
      file: 'prev/summary.json',
      new: ['listImages/pagination'],
      fixed: ['showImage/pagination'],
      unchanged: [],
      lost: ['listImages/status-expected'],
    });
  });

  it('takes embedded-mock shards as one target (each mock had its own port)', () => {
    const merged = mergeReports([
      shard(1, 2, ['listImages/pagination'], { embedded: true, target: 'http://127.0.0.1:4001' }),
      shard(2, 2, ['showImage/pagination'], { embedded: true, target: 'http://127.0.0.1:4002' }),
    ]);
    expect(merged.embedded).toBe(true);
  });

  it.each([
    ['a different seed', { seed: 43 }, /not shards of one run: seed 43 ≠ 42 \(run every shard with the same --seed\)$/],
    ['a different spec', { spec: { version: '1.0.0', hash: 'b'.repeat(64) } }, /spec hash/],
    ['a different target', { target: 'https://other.example.com' }, /target "https:\/\/other\.example\.com" ≠ "https:\/\/ims\.example\.com"/],
    ['a different profile', { profile: 'openstack' }, /profile "openstack" ≠ "ims"/],
    ['a different shard count', { shard: { index: 2, count: 3 } }, /shard count 3 ≠ 2/],
    ['a baseline in one shard only', { baseline: { file: 'x', new: [], fixed: [], unchanged: [] } }, /baseline "x" ≠ none/],
  ])('refuses shards with %s', (_what, extra, message) => {
    expect(() => mergeReports([shard(1, 2, ['listImages/pagination']), shard(2, 2, ['showImage/pagination'], extra as Partial<RunReport>)])).toThrow(message);
  });

  it('refuses a missing shard, a shard given twice, overlapping results and a report that is no shard', () => {
    expect(() => mergeReports([shard(1, 3, ['listImages/pagination']), shard(3, 3, ['showImage/pagination'])])).toThrow(
      'shard 2/3 missing: a merge needs every shard of the run',
    );
    expect(() => mergeReports([shard(1, 2, ['listImages/pagination']), shard(1, 2, ['showImage/pagination'])])).toThrow(
      'shard 1/2 given twice: shard-1/summary.json and shard-1/summary.json',
    );
    expect(() => mergeReports([shard(1, 2, ['listImages/pagination']), shard(2, 2, ['listImages/pagination'])])).toThrow(
      'result listImages/pagination is in shard-1/summary.json and shard-2/summary.json: the shards overlap',
    );
    expect(() => mergeReports([{ source: 'full/summary.json', report: report([]) }])).toThrow('full/summary.json is not a shard (the run had no --shard i/n)');
    expect(() => mergeReports([])).toThrow(MergeError);
  });
});
