import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_SCHEMA, validateReport } from '../../reports/read-report.js';
import { packageRoot } from '../../src/spec/package-root.js';
import { report, result } from './fixtures.js';

const good = report(
  [result('listImages/pagination', 'failed', 'x'), result('showImage/ep-isolation', 'skipped', 'no EP'), result('addImageMember/iam-denied', 'waived', 'y')],
  {
    baseline: { file: 'prev/summary.json', new: ['listImages/pagination'], fixed: [], unchanged: [] },
    shard: { index: 1, count: 2 },
    timings: {
      wallMs: 9_800,
      requests: 1_250,
      criticalPath: { ms: 4_100, scenario: 'lifecycles › image lifecycle', requests: 31, waitMs: 2_900 },
      waitMs: 40_000,
    },
  },
);
const mutate = (f: (r: Record<string, any>) => void): unknown => {
  const copy = JSON.parse(JSON.stringify(good)) as Record<string, any>;
  f(copy);
  return copy;
};

describe('summary.schema.json', () => {
  it('is the JSON Schema 2020-12 shipped in reports/', () => {
    const onDisk = JSON.parse(readFileSync(join(packageRoot(), 'reports', 'summary.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toEqual(SUMMARY_SCHEMA);
    expect(onDisk.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts a report with every optional part', () => {
    expect(validateReport(good)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ['an unknown top-level field', (r: Record<string, any>) => (r.extra = 1), 'must NOT have additional properties (extra)'],
    ['an unknown result field', (r: Record<string, any>) => (r.results[0].severity = 'high'), 'must NOT have additional properties (severity)'],
    ['an unknown status', (r: Record<string, any>) => (r.results[0].status = 'flaky'), '/results/0/status must be equal to one of the allowed values'],
    ['an id that is not operationId/check', (r: Record<string, any>) => (r.results[0].id = 'pagination'), '/results/0/id must match pattern'],
    ['a waived result without its waiver', (r: Record<string, any>) => delete r.results[2].waiver, "/results/2 must have required property 'waiver'"],
    [
      'a waiver expiry that is no date',
      (r: Record<string, any>) => (r.results[2].waiver.expires = 'soon'),
      '/results/2/waiver/expires must match format "date"',
    ],
    ['a missing total', (r: Record<string, any>) => delete r.totals.waived, "/totals must have required property 'waived'"],
    [
      'a header value that is not a string',
      (r: Record<string, any>) => (r.results[0].exchanges[0].response.headers['x-n'] = 1),
      '/results/0/exchanges/0/response/headers/x-n must be string',
    ],
    ['a shard index 0', (r: Record<string, any>) => (r.shard.index = 0), '/shard/index must be >= 1'],
    ['a spec hash that is no sha256', (r: Record<string, any>) => (r.spec.hash = 'abc'), '/spec/hash must match pattern'],
    [
      'a critical path that names no scenario',
      (r: Record<string, any>) => delete r.timings.criticalPath.scenario,
      "/timings/criticalPath must have required property 'scenario'",
    ],
  ])('rejects %s', (_what, f, error) => {
    const verdict = validateReport(mutate(f));
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join('\n')).toContain(error);
  });
});
