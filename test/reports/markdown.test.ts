import { describe, expect, it } from 'vitest';
import { mdCode, mdFence, mdText, renderMarkdown } from '../../reports/write-markdown.js';
import { report, result } from './fixtures.js';

describe('summary.md', () => {
  const r = report(
    [
      result('listImages/pagination', 'failed', 'marker | repeated <b>item</b> *twice* `x`', {
        exchanges: [
          {
            request: { method: 'GET', url: 'https://ims.example.com/v2/images?limit=2', headers: { 'x-auth-token': '***' } },
            response: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'body with ``` a fence\n```\n# not a heading' },
          },
          { request: { method: 'GET', url: 'https://ims.example.com/v2/images?marker=a', headers: {} }, response: { status: 200, headers: {}, body: '' } },
        ],
      }),
      result('listImages/status-expected', 'passed'),
      result('showImage/ep-isolation', 'skipped', 'the config names no enterprise-project principal (principals.epAdmin)'),
      result('showImage/tenant-isolation', 'skipped', 'the config names no enterprise-project principal (principals.epAdmin)'),
      result('showImage/iam-denied', 'skipped', 'not part of the openstack profile'),
      result('showImage/unknown-id-404', 'error', 'harness error: socket hang up', { findings: [] }),
      result('addImageMember/iam-denied', 'waived', 'Expected 403; received 204', {
        waiver: { reason: 'vendor ticket IMS-7 | phase 2', expires: '2026-06-30' },
      }),
    ],
    {
      shard: { index: 1, count: 2 },
      baseline: { file: 'nightly/summary.json', new: ['listImages/pagination'], fixed: ['showImage/pagination'], unchanged: ['showImage/unknown-id-404'] },
    },
  );
  const md = renderMarkdown(r);

  it('opens with the verdict and the facts of the run', () => {
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# IMS API conformance report — FAILED',
      '',
      '> **Verdict: ✘ FAILED** — 1 of 7 checks failed and 1 could not be completed (harness error). Each failure is listed below with what the specification documents, what the endpoint answered and how to reproduce it.',
    ]);
    for (const line of [
      '- **Target:** `https://ims.example.com`',
      '- **Profile:** `ims`',
      '- **Tool:** ims-conformance 0.1.0',
      `- **Specification:** version 1.0.0, sha256 \`${'a'.repeat(64)}\``,
      '- **Seed:** 42',
      '- **Date:** 2026-01-02 03:04:05 UTC, 12.3 s',
      '- **Run id:** `imsc-0badcafe`',
      '- **Shard:** 1 of 2',
    ])
      expect(md).toContain(line);
    expect(md).toContain('| 1 | 1 | 1 | 0 | 1 | 3 | 0 | 7 |');
  });

  it('has a matrix row per operation with the IAM scope columns and one column per check', () => {
    const header = md.split('\n').find((l) => l.startsWith('| Area | Operation |'));
    expect(header).toBe(
      '| Area | Operation | Request | IAM project | IAM enterprise project | status-expected | iam-denied | unknown-id-404 | tenant-isolation | ep-isolation | pagination |',
    );
    expect(md).toContain('| **images** | `listImages` | `GET /v2/images` | yes | no | ✔ |  |  |  |  | ✘ |');
    expect(md).toContain('|  | `showImage` | `GET /v2/images/{image_id}` | yes | yes |  | – | ! | – | – |  |');
    expect(md).toContain('| **sharing** | `addImageMember` | `POST /v2/images/{image_id}/members` | yes | no |  | W |  |  |  |  |');
    expect(md).toContain('1 operation of the specification was not part of this run (`--only` or `--shard`): `listImagesV11`.');
  });

  it('shows each failure with documented vs received, the exchange, and how to reproduce it, without letting the wire break the page', () => {
    const block = md.slice(md.indexOf('### ✘ listImages/pagination'), md.indexOf('### ! showImage/unknown-id-404'));
    expect(block).toContain('```text\nmarker | repeated <b>item</b> *twice* `x`\n```');
    expect(block).toContain('````http\nHTTP 200\ncontent-type: text/plain\n\nbody with ``` a fence\n```\n# not a heading\n````');
    expect(block).toContain('2. `GET https://ims.example.com/v2/images?marker=a` → 200');
    expect(block).toContain('```sh\nims-conformance run --target <url> --config <file> --profile ims --seed 42 --only listImages/pagination\n```');
    expect(block).toContain(`curl -i -X GET 'https://ims.example.com/v2/images' -H 'accept: application/json' -H "x-auth-token: $X_AUTH_TOKEN"`);
    expect(md).toContain('- [listImages/pagination](#-listimagespagination) — wrong status for the scenario');
    const error = md.slice(md.indexOf('### ! showImage/unknown-id-404'));
    expect(error).toContain('**harness error**');
    expect(error).toContain('**What went wrong:**');
  });

  it('groups skipped checks by reason, the commonest first', () => {
    const section = md.slice(md.indexOf('## Skipped checks'));
    expect(section).toContain(
      '- **the config names no enterprise-project principal (principals.epAdmin)** — 2 checks:\n  `showImage/ep-isolation`, `showImage/tenant-isolation`',
    );
    expect(section.indexOf('principals.epAdmin')).toBeLessThan(section.indexOf('not part of the openstack profile'));
  });

  it('lists waived deviations with reason and expiry, and the baseline comparison', () => {
    expect(md).toContain(
      '| `addImageMember/iam-denied` | `POST /v2/images/{image_id}/members` | vendor ticket IMS-7 \\| phase 2 | 2026-06-30 | Expected 403; received 204 |',
    );
    expect(md).toContain('- **New failures (1):** `listImages/pagination`');
    expect(md).toContain('- **Fixed (1):** `showImage/pagination`');
    expect(md).toContain('- **Unchanged failures (1):** `showImage/unknown-id-404`');
    expect(md).toContain(
      '[Waived deviations](#waived-deviations) · [Skipped checks](#skipped-checks) · [Compared with the baseline](#compared-with-the-baseline)',
    );
  });

  it('escapes text and code for markdown', () => {
    expect(mdText('a|b <script>x</script> & *y* [l](u)\nz')).toBe('a\\|b &lt;script&gt;x&lt;/script&gt; &amp; \\*y\\* \\[l\\](u) z');
    expect(mdCode('a`b|c')).toBe('``a`b\\|c``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdFence('````\ninside')).toBe('`````\n````\ninside\n`````');
  });

  it('says PASSED plainly for a clean run and omits empty sections', () => {
    const ok = renderMarkdown(report([result('listImages/pagination', 'passed'), result('showImage/pagination', 'skipped', 'no images to page')]));
    expect(ok).toContain('> **Verdict: ✔ PASSED** — no check failed: 1 of 2 passed, 1 check skipped with a reason.');
    expect(ok).toContain('None: no check failed.');
    expect(ok).not.toContain('## Waived deviations');
    expect(ok).not.toContain('## Compared with the baseline');
  });
});
