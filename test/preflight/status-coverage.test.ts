import { describe, expect, it } from 'vitest';
import {
  coverageConsoleLines,
  coverageHeadline,
  coverageLines,
  coverageMarkdown,
  mergeCoverage,
  mergeTallies,
  statusCoverage,
  tallyStatus,
  type StatusTally,
} from '../../reports/status-coverage.js';

const operations = [
  { operationId: 'showImage', statuses: [200, 400, 401, 403, 404, 500, 503] },
  { operationId: 'deleteImage', statuses: [204, 401, 403, 404, 500] },
];

describe('status coverage', () => {
  it('marks each documented status observed or not, with its count, and keeps undocumented ones apart', () => {
    const tally: StatusTally = {};
    for (const s of [200, 200, 404, 401, 418]) tallyStatus(tally, 'showImage', s);
    tallyStatus(tally, 'deleteImage', 204);
    const c = statusCoverage(operations, tally);
    expect(c.operations[0]).toEqual({
      operationId: 'showImage',
      exchanges: 5,
      statuses: [
        { status: 200, count: 2, expectedUnobserved: false },
        { status: 400, count: 0, expectedUnobserved: false },
        { status: 401, count: 1, expectedUnobserved: false },
        { status: 403, count: 0, expectedUnobserved: false },
        { status: 404, count: 1, expectedUnobserved: false },
        { status: 500, count: 0, expectedUnobserved: true },
        { status: 503, count: 0, expectedUnobserved: true },
      ],
      undocumented: [{ status: 418, count: 1 }],
    });
    // 5xx stay out of the totals: a healthy target never shows them.
    expect([c.observed, c.documented, c.serverErrorsObserved, c.serverErrorsDocumented]).toEqual([4, 9, 0, 3]);
    expect(coverageHeadline(c)).toBe('4 of 9 documented statuses observed (44%, 5xx aside); 0 of 3 documented 5xx seen (a healthy target shows none)');
  });

  it('counts an operation the run never reached as nothing observed', () => {
    const c = statusCoverage(operations, {});
    expect(c.observed).toBe(0);
    expect(coverageLines(c)[1]).toMatch(/^deleteImage {2}nothing observed · not observed: 204 401 403 404 · 5xx unobserved \(expected\): 500$/);
  });

  it('sums the tallies of many tests', () => {
    expect(mergeTallies([{ a: { '200': 1 } }, undefined, { a: { '200': 2, '404': 1 }, b: { '204': 1 } }])).toEqual({
      a: { '200': 3, '404': 1 },
      b: { '204': 1 },
    });
  });

  it('renders one table row per operation for summary.md', () => {
    const tally: StatusTally = { showImage: { '200': 3 } };
    const md = coverageMarkdown(statusCoverage(operations, tally), 'Status coverage');
    expect(md[0]).toBe('## Status coverage');
    expect(md).toContain('| showImage | 3 | 200 × 3 | 400, 401, 403, 404 | 500, 503 | — |');
  });
});

describe('status coverage of shards merged', () => {
  it('takes each operation from the shard that ran it and recounts the totals', () => {
    const a = statusCoverage([operations[0]!], { showImage: { '200': 1 } });
    const b = statusCoverage([operations[1]!], { deleteImage: { '204': 2, '404': 1 } });
    const merged = mergeCoverage([a, undefined, b])!;
    expect(merged.operations.map((o) => o.operationId)).toEqual(['deleteImage', 'showImage']);
    expect([merged.observed, merged.documented]).toEqual([3, 9]);
    expect(mergeCoverage([undefined])).toBeUndefined();
  });
});

describe('status coverage on the console', () => {
  const report = { statusCoverage: statusCoverage(operations, { showImage: { '200': 4, '404': 1, '418': 1 }, deleteImage: { '204': 1 } }) };

  it('is short: the headline, the least-covered operations and undocumented statuses', () => {
    expect(coverageConsoleLines(report, false)).toEqual([
      'status coverage: 3 of 9 documented statuses observed (33%, 5xx aside); 0 of 3 documented 5xx seen (a healthy target shows none)',
      '  least covered: deleteImage 1/4, showImage 2/5 — every operation in summary.md (or here with --verbose)',
      '  undocumented statuses seen: showImage 418×1',
    ]);
  });

  it('lists every operation with --verbose, and nothing for a report without coverage', () => {
    expect(coverageConsoleLines(report, true)).toHaveLength(3);
    expect(coverageConsoleLines({}, false)).toEqual([]);
  });
});
