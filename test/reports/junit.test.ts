import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from '../../reports/write-junit.js';
import { report, result } from './fixtures.js';
import { all, parseXml } from './xml.js';

const NASTY = `Expected <201> & "quoted" 'single' ]]> got\u0000\u0007\u001b[31m red\ttab\r\nline2 \uD800 lone`;

describe('junit.xml', () => {
  const r = report([
    result('listImages/status-expected', 'passed'),
    result('listImages/pagination', 'failed', NASTY),
    result('showImage/unknown-id-404', 'error', 'harness error: TypeError <x> & y'),
    result('showImage/ep-isolation', 'skipped', 'the config names no principal with an enterprise project (principals.epAdmin) & no "ep"'),
    result('addImageMember/iam-denied', 'waived', 'Expected 403; received 204', { waiver: { reason: 'vendor ticket <IMS-7> & co', expires: '2099-01-01' } }),
    result('listImagesV11/content-type', 'passed'),
  ]);
  const xml = renderJunit(r);
  const root = parseXml(xml);

  it('is well-formed XML with one testcase per (operation, check), classname area.operationId and the check as name', () => {
    expect(root.name).toBe('testsuites');
    const cases = all(root, 'testcase');
    expect(cases.map((c) => `${c.attrs.classname} ${c.attrs.name}`)).toEqual([
      'images.listImages status-expected',
      'images.listImages pagination',
      'images.showImage unknown-id-404',
      'images.showImage ep-isolation',
      'sharing.addImageMember iam-denied',
      'deprecated-v1.listImagesV11 content-type',
    ]);
  });

  it('groups testsuites by area with correct counts (waived counts as skipped)', () => {
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors, s.attrs.skipped])).toEqual([
      ['images', '4', '1', '1', '1'],
      ['sharing', '1', '0', '0', '1'],
      ['deprecated-v1', '1', '0', '0', '0'],
    ]);
    expect([root.attrs.tests, root.attrs.failures, root.attrs.errors, root.attrs.skipped]).toEqual(['6', '1', '1', '2']);
    for (const s of suites) expect(all(s, 'testcase').length).toBe(Number(s.attrs.tests));
    expect(all(suites[0]!, 'property').find((p) => p.attrs.name === 'seed')?.attrs.value).toBe('42');
  });

  it('escapes <, &, quotes and makes control characters visible, in attributes and text', () => {
    const failure = all(root, 'failure')[0]!;
    expect(failure.attrs.message).toBe(`Expected <201> & "quoted" 'single' ]]> got\\x00\\x07\\x1B[31m red\ttab`);
    expect(failure.text).toContain(`Expected <201> & "quoted" 'single' ]]> got\\x00\\x07\\x1B[31m red\ttab\r\nline2 \\uD800 lone`);
    expect(failure.text).toContain('fix: Answer as documented.');
    expect(failure.text).toContain('reproduce: ims-conformance run --target <url> --config <file> --profile ims --seed 42 --only listImages/pagination');
    expect(failure.text).toMatch(
      /curl: curl -i -X GET 'https:\/\/ims\.example\.com\/v2\/images' -H 'accept: application\/json' -H "x-auth-token: \$X_AUTH_TOKEN"/,
    );
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xmlAttr('a\nb\tc"d\'e<f&g>')).toBe('a&#10;b&#9;c&quot;d&apos;e&lt;f&amp;g&gt;');
    expect(xmlText('<&>"\r')).toBe('&lt;&amp;&gt;"&#13;');
  });

  it('reports harness errors as <error>, skips with their reason, waivers as skipped "waived: reason"', () => {
    const error = all(root, 'error')[0]!;
    expect(error.attrs.message).toBe('harness error: TypeError <x> & y');
    const skipped = all(root, 'skipped');
    expect(skipped.map((s) => s.attrs.message)).toEqual([
      'the config names no principal with an enterprise project (principals.epAdmin) & no "ep"',
      'waived: vendor ticket <IMS-7> & co (until 2099-01-01)',
    ]);
    expect(skipped[1]!.text).toContain('Expected 403; received 204');
  });

  it('writes an empty but valid document for a run with no results', () => {
    const empty = parseXml(renderJunit(report([])));
    expect(empty.attrs.tests).toBe('0');
    expect(all(empty, 'testsuite')).toEqual([]);
  });
});
