import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildReport } from '../../reports/build-report.js';
import { generateHtmlReport, HTML_REPORT, reportHtmlText, selfContained, writeHtmlReport } from '../../reports/write-html.js';
import { writeReports } from '../../reports/write-reports.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { report as fixtureReport, result } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'ims-write-html-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('reports/write-html', () => {
  it('generates a single-file report.html in process with the Allure 3 API: one test per result of summary.json, the verdict and counts in its name', async () => {
    const dir = join(tmp, 'api');
    mkdirSync(dir, { recursive: true });
    const saved = fixtureReport([
      result('showImage/unknown-id-404', 'passed'),
      result('deleteImage/use-after-delete', 'failed', 'Expected 404; received 200'),
      result('listImages/pagination', 'advisory', 'the spec’s own reading'),
    ]);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(saved));
    const html = await generateHtmlReport(dir);
    expect(html).toMatchObject({ file: join(dir, HTML_REPORT), tests: 3 });
    const text = reportHtmlText(readFileSync(html.file, 'utf8'));
    expect(text).toContain('deleteImage/use-after-delete');
    expect(text).toContain('IMS conformance — ✘ FAILED: 1 passed, 1 failed of 3 operation × check results');
    for (const fact of ['ims-conformance 0.1.0', `1.0.0 sha256 ${'a'.repeat(64)}`, '"Seed":"42"', '1 passed · 1 failed · 0 harness errors · 1 advisories'])
      expect(text).toContain(fact);
    expect(text).not.toContain('googletagmanager');
    // Allure's own summary.json and test-results.json stay in its scratch folder, away from ours.
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toEqual(saved);
  }, 120_000);

  it('says why when there is nothing to render, and leaves no stale report.html behind', () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, HTML_REPORT), 'an old report');
    expect(writeHtmlReport(dir)).toEqual({ ok: false, error: `${join(dir, 'summary.json')}: not found (give a report directory or its summary.json)` });
    expect(existsSync(join(dir, HTML_REPORT))).toBe(false);
  });

  it('cuts the analytics tag out and forbids the page any network access', () => {
    const template = `<html><head><title>r</title></head><body><div id="app"></div>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('js', new Date());
    </script>
    <script>window.allureReportData = {};</script></body></html>`;
    const out = selfContained(template);
    expect(out).not.toContain('googletagmanager');
    expect(out).not.toContain('gtag(');
    expect(out).toContain('<script>window.allureReportData = {};</script>');
    expect(out).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  it('decodes the report’s embedded data files, so a scanner sees what a reader sees', () => {
    const html = `<script>Promise.allSettled([d("data/a.json","${Buffer.from('{"token":"abc"}').toString('base64')}")])</script>`;
    expect(reportHtmlText(html)).toContain('--- data/a.json\n{"token":"abc"}');
  });

  it('writeReports writes the other reports and one warning line when report.html cannot be made', async () => {
    const dir = join(tmp, 'no-allure');
    const config = { ...loadConfig({ seed: '1' }, {}), target: 'http://127.0.0.1:9' };
    const report = buildReport({ config, embedded: true, spec: await loadSpec(), results: [], startedAt: new Date(), durationMs: 1 });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    let written;
    try {
      written = writeReports(report, dir, { html: true });
    } finally {
      spy.mockRestore();
    }
    expect(written.files).toContain('summary.json');
    expect(written.files).not.toContain(HTML_REPORT);
    expect(lines).toEqual([`warning: ${HTML_REPORT} not written: no results in ${join(dir, 'summary.json')}\n`]);
  });

  it('writeReports builds report.html only when asked, and removes one an earlier run left in the folder', async () => {
    const dir = join(tmp, 'html-not-asked');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, HTML_REPORT), '<html>an earlier run</html>');
    const config = { ...loadConfig({ seed: '1' }, {}), target: 'http://127.0.0.1:9' };
    const report = buildReport({ config, embedded: true, spec: await loadSpec(), results: [], startedAt: new Date(), durationMs: 1 });
    const written = writeReports(report, dir, { html: false });
    expect(written.files).toEqual(['summary.json', 'summary.md', 'junit.xml']);
    expect(existsSync(join(dir, HTML_REPORT))).toBe(false);
  });
});
