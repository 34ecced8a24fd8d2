import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../reports/read-report.js';
import { applyWaivers, loadWaivers, parseWaivers, WaiverError, waiverMatches } from '../../reports/waivers.js';
import { report, result } from './fixtures.js';
import { emptyTotals } from '../../reports/statuses.js';

const tmp = mkdtempSync(join(tmpdir(), 'ims-waivers-'));
const file = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const NOW = new Date('2026-03-15T12:00:00Z');

describe('waiver files', () => {
  it('reads a YAML list and a JSON list (expires stays a YYYY-MM-DD string)', () => {
    const yaml = file(
      'w.yaml',
      '- id: showImage/ep-isolation\n  reason: known gap, ticket IMS-1\n  expires: 2026-12-31\n- {id: "listImages/", reason: whole operation}\n',
    );
    expect(loadWaivers(yaml)).toEqual([
      { id: 'showImage/ep-isolation', reason: 'known gap, ticket IMS-1', expires: '2026-12-31' },
      { id: 'listImages/', reason: 'whole operation' },
    ]);
    const json = file('w.json', JSON.stringify({ waivers: [{ id: 'showImage/pagination', reason: 'r' }] }));
    expect(loadWaivers(json)).toEqual([{ id: 'showImage/pagination', reason: 'r' }]);
    expect(loadWaivers(file('empty.yaml', ''))).toEqual([]);
  });

  it.each([
    ['missing.yaml', undefined, /^--waivers .*missing\.yaml: cannot read it \(ENOENT\)$/],
    ['bad.yaml', '- id: [unclosed\n', /^--waivers .*bad\.yaml: not valid YAML \(/],
    ['bad.json', '[{"id": "a/b",]', /^--waivers .*bad\.json: not valid JSON \(/],
    ['map.yaml', 'id: a/b\nreason: x\n', /: expected a list of \{id, reason, expires\?\}$/],
    ['noslash.yaml', '- {id: showImage, reason: x}\n', /entry 1: id must be "operationId\/check" or "operationId\/" \(got "showImage"\)$/],
    ['noreason.yaml', '- {id: showImage/pagination}\n', /entry 1 \(showImage\/pagination\): reason is required/],
    ['baddate.yaml', '- {id: showImage/pagination, reason: x, expires: 2026-02-30}\n', /expires must be a date YYYY-MM-DD \(got "2026-02-30"\)$/],
    ['extra.yaml', '- {id: showImage/pagination, reason: x, until: 2026-01-01}\n', /unknown field "until" \(allowed: id, reason, match, expires\)/],
    ['badmatch.yaml', '- {id: showImage/pagination, reason: x, match: "breaking (type"}\n', /match must be a regular expression \(got "breaking \(type"\)$/],
    ['twice.yaml', '- {id: a/b, reason: x}\n- {id: a/b, reason: y}\n', /entry 2 \(a\/b\): the id is waived twice$/],
  ])('rejects %s with one line naming the problem', (name, text, message) => {
    const path = text === undefined ? join(tmp, name) : file(name, text);
    let caught: unknown;
    try {
      loadWaivers(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WaiverError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });
});

describe('applying waivers (by stable result id)', () => {
  const base = report([
    result('listImages/pagination', 'failed', 'marker repeated an item'),
    result('listImages/status-expected', 'passed'),
    result('showImage/ep-isolation', 'failed', 'Expected 404; received 200'),
    result('showImage/unknown-id-404', 'error', 'harness error: timeout'),
    result('addImageMember/iam-denied', 'failed', 'Expected 403; received 204'),
  ]);

  it('matches an exact id or an operationId/ prefix, never a partial operation name', () => {
    expect(waiverMatches({ id: 'showImage/ep-isolation', reason: 'r' }, 'showImage/ep-isolation')).toBe(true);
    expect(waiverMatches({ id: 'showImage/ep-isolation', reason: 'r' }, 'showImage/ep-isolation-2')).toBe(false);
    expect(waiverMatches({ id: 'showImage/', reason: 'r' }, 'showImage/unknown-id-404')).toBe(true);
    expect(waiverMatches({ id: 'showImage/', reason: 'r' }, 'showImageMember/unknown-id-404')).toBe(false);
    expect(waiverMatches({ id: 'listImages/', reason: 'r' }, 'listImagesV11/pagination')).toBe(false);
  });

  it('with `match`, covers only the results whose message shows that one known deviation', () => {
    const [waived, other] = ['invalid body breaking type /0/path: received 500', 'invalid body breaking type /0/op: received 500'];
    const waiver = { id: 'updateImage/no-server-error', reason: 'known Glance bug', match: 'breaking type /0/path' };
    expect(waiverMatches(waiver, 'updateImage/no-server-error', waived)).toBe(true);
    expect(waiverMatches(waiver, 'updateImage/no-server-error', other)).toBe(false);
    const outcome = applyWaivers(report([result('updateImage/no-server-error', 'failed', other)]), [waiver], NOW);
    expect(outcome.report.results[0]?.status).toBe('failed');
    expect(outcome.unused).toEqual([waiver]);
    // Two narrowed waivers of one id are two waivers, not the same id twice.
    expect(parseWaivers([waiver, { ...waiver, match: 'breaking type /0/op' }], 'w.yaml')).toHaveLength(2);
  });

  it('turns covered failures and errors into waived with the waiver attached, retotals, and leaves passes alone', () => {
    const waivers = parseWaivers(
      [
        { id: 'showImage/', reason: 'EP isolation is on the vendor roadmap', expires: '2026-03-15' },
        { id: 'listImages/pagination', reason: 'known marker bug' },
        { id: 'listImages/status-expected', reason: 'passes anyway' },
        { id: 'deleteImage/', reason: 'nothing to cover' },
      ],
      'test',
    );
    const out = applyWaivers(base, waivers, NOW);
    const status = Object.fromEntries(out.report.results.map((r) => [r.id, r.status]));
    expect(status).toEqual({
      'listImages/pagination': 'waived',
      'listImages/status-expected': 'passed',
      'showImage/ep-isolation': 'waived',
      'showImage/unknown-id-404': 'waived',
      'addImageMember/iam-denied': 'failed',
    });
    expect(out.report.results.find((r) => r.id === 'showImage/ep-isolation')?.waiver).toEqual({
      reason: 'EP isolation is on the vendor roadmap',
      expires: '2026-03-15',
    });
    expect(out.report.results.find((r) => r.id === 'listImages/pagination')?.waiver).toEqual({ reason: 'known marker bug' });
    expect(out.report.totals).toEqual({ ...emptyTotals(), passed: 1, failed: 1, waived: 3 });
    expect(out.report.verdict).toBe('failed');
    expect(out.applied).toEqual(['listImages/pagination', 'showImage/ep-isolation', 'showImage/unknown-id-404']);
    expect(out.unused.map((w) => w.id)).toEqual(['listImages/status-expected', 'deleteImage/']);
    expect(validateReport(out.report)).toEqual({ valid: true, errors: [] });
    // Nothing left failing: the verdict passes.
    expect(
      applyWaivers(
        base,
        [
          { id: 'listImages/', reason: 'a' },
          { id: 'showImage/', reason: 'b' },
          { id: 'addImageMember/', reason: 'c' },
        ],
        NOW,
      ).report.verdict,
    ).toBe('passed');
  });

  it('does not apply an expired waiver: the result stays failed and the message says when it expired', () => {
    const out = applyWaivers(base, [{ id: 'addImageMember/iam-denied', reason: 'temporary', expires: '2026-03-14' }], NOW);
    const r = out.report.results.find((x) => x.id === 'addImageMember/iam-denied');
    expect(r?.status).toBe('failed');
    expect(r?.waiver).toBeUndefined();
    expect(r?.message).toBe(
      'the waiver (addImageMember/iam-denied: temporary) expired on 2026-03-14, so this counts as failed again. Expected 403; received 204',
    );
    expect(out.expired).toEqual(['addImageMember/iam-denied']);
    expect(out.unused).toEqual([]);
  });

  it('prefers the exact id over a prefix, and a waiver in force over an expired one', () => {
    const exact = applyWaivers(
      base,
      [
        { id: 'showImage/', reason: 'prefix' },
        { id: 'showImage/ep-isolation', reason: 'exact' },
      ],
      NOW,
    );
    expect(exact.report.results.find((r) => r.id === 'showImage/ep-isolation')?.waiver?.reason).toBe('exact');
    const inForce = applyWaivers(
      base,
      [
        { id: 'showImage/ep-isolation', reason: 'old', expires: '2025-01-01' },
        { id: 'showImage/', reason: 'current' },
      ],
      NOW,
    );
    expect(inForce.report.results.find((r) => r.id === 'showImage/ep-isolation')?.waiver?.reason).toBe('current');
  });
});
