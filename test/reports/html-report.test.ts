import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import type { RunReport } from '../../reports/report-model.js';
import { reportHtmlText } from '../../reports/write-html.js';
import type { Scenario } from '../../src/engine/scenario.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import { severityOf } from '../../src/suite/allure-evidence.js';
import { imsConformance, type CliRun } from '../support/run-cli.js';
import { dumpDom, ensureChromium, screenshot, visibleText, type ChromiumFound } from './chromium.js';

const SEED = '11';

interface AllureResult {
  uuid: string;
  name: string;
  status: string;
  statusDetails: { message?: string };
  labels: { name: string; value: string }[];
  parameters: { name: string; value: string }[];
  steps: { name: string; attachments: { name: string; source: string; type: string }[] }[];
  attachments: { name: string; source: string; type: string }[];
}

const resultsDirOf = (reportDir: string): string => join(reportDir, 'allure-results');
const readResults = (reportDir: string): AllureResult[] =>
  readdirSync(resultsDirOf(reportDir))
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(resultsDirOf(reportDir), f), 'utf8')) as AllureResult);
const labelsOf = (r: AllureResult, name: string): string[] => r.labels.filter((l) => l.name === name).map((l) => l.value);
const labelOf = (r: AllureResult, name: string): string | undefined => labelsOf(r, name)[0];
const paramOf = (r: AllureResult, name: string): string | undefined => r.parameters.find((p) => p.name === name)?.value;
const attachmentsOf = (r: AllureResult): { name: string; source: string; type: string }[] => [...r.attachments, ...r.steps.flatMap((s) => s.attachments)];

/** Text of every file an output folder holds (allure-results, report.html with its embedded data decoded). */
function outputTexts(reportDir: string): [string, string][] {
  const results = resultsDirOf(reportDir);
  return [
    ...readdirSync(results).map((f): [string, string] => [`allure-results/${f}`, readFileSync(join(results, f)).toString('latin1')]),
    ['report.html', reportHtmlText(readFileSync(join(reportDir, 'report.html'), 'utf8'))],
  ];
}

/** The mock's tokens look like this (checked below against a real one), so a leak is found even unknown. */
const TOKEN_SHAPE = /MII[A-Za-z0-9_-]{40,}/g;

/**
 * The whole Allure path end to end: the built CLI runs the vitest suites with allure-vitest, `<report-dir>/
 * allure-results` gets one labelled result per test, and `report.html` (Allure 3, single file) renders in headless
 * Chromium with every operation and the failure on it. Two runs: a clean one against a mock whose config (and so
 * every token) the test knows, and one on the embedded mock with the `use-after-delete` fault.
 */
describe('Allure results and report.html (built CLI)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ims-html-'));
  const cleanDir = join(tmp, 'clean');
  const faultyDir = join(tmp, 'faulty');
  let spec: LoadedSpec;
  let scenarios: Scenario[];
  let mock: RunningMock;
  let secrets: string[];
  let clean: CliRun;
  let faulty: CliRun;
  let chromium: ChromiumFound;

  beforeAll(async () => {
    spec = await loadSpec();
    scenarios = scenariosFor(spec.operations);
    mock = await startMock({ jobDelayMs: 20 });
    const configFile = join(tmp, 'mock.yaml');
    writeFileSync(configFile, stringify(mock.config));
    secrets = Object.values(mock.config.principals).flatMap((p) =>
      [p.token, p.password?.password].filter((s): s is string => typeof s === 'string' && s.length >= 8),
    );
    [clean, faulty, chromium] = await Promise.all([
      // A poll timeout as the embedded mock gets: its jobs finish in milliseconds, so a stuck one fails fast here too.
      imsConformance([
        'run',
        '--target',
        mock.url,
        '--config',
        configFile,
        '--poll-timeout',
        '20000',
        '--report-dir',
        cleanDir,
        '--runs',
        '3',
        '--seed',
        SEED,
        '--report',
        'html',
      ]),
      imsConformance(['run', '--report-dir', faultyDir, '--runs', '3', '--seed', SEED, '--mock-fault', 'use-after-delete', '--report', 'html']),
      ensureChromium(),
    ]);
    console.info(
      `runs: clean ${clean.ms} ms (exit ${clean.code}), faulty ${faulty.ms} ms (exit ${faulty.code}); chromium: ${chromium.ok ? `${chromium.path}${chromium.installed ? ' (installed now)' : ''}` : chromium.reason}`,
    );
  }, 1_500_000);

  afterAll(async () => {
    await mock?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('ran: the clean run passed, the faulty one failed on use-after-delete, and both wrote report.html without a warning', () => {
    expect(clean.code, `${clean.stdout}\n${clean.stderr}`).toBe(0);
    expect(faulty.code, `${faulty.stdout}\n${faulty.stderr}`).toBe(1);
    for (const [dir, run] of [
      [cleanDir, clean],
      [faultyDir, faulty],
    ] as const) {
      expect(run.stderr).not.toMatch(/report\.html not written/);
      for (const f of ['summary.json', 'report.html', 'allure-results']) expect(existsSync(join(dir, f)), `${dir}/${f}`).toBe(true);
    }
    const report = JSON.parse(readFileSync(join(faultyDir, 'summary.json'), 'utf8')) as RunReport;
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.check)).toContain('use-after-delete');
  });

  it('allure-results holds one result per test (scenario), labelled area → epic, operation → feature, check → story', () => {
    const titles = scenarios.map((s) => s.title);
    expect(new Set(titles).size, 'scenario titles are unique').toBe(titles.length);
    const byTitle = new Map(scenarios.map((s) => [s.title, s]));
    for (const dir of [cleanDir, faultyDir]) {
      const results = readResults(dir);
      expect(results.map((r) => r.name).sort()).toEqual([...titles].sort());
      for (const r of results) {
        const scenario = byTitle.get(r.name);
        if (!scenario) throw new Error(`no scenario titled ${r.name}`);
        const story = labelOf(r, 'story') ?? '';
        expect({ epic: labelsOf(r, 'epic'), feature: labelsOf(r, 'feature'), stories: labelsOf(r, 'story').length }, r.name).toEqual({
          epic: [scenario.operation.area],
          feature: [scenario.operation.operationId],
          stories: 1,
        });
        expect(scenario.checks, r.name).toContain(story);
        expect(labelsOf(r, 'tag'), r.name).toEqual(expect.arrayContaining([...scenario.checks]));
        expect(labelsOf(r, 'severity'), r.name).toEqual([severityOf(story)]);
        expect(paramOf(r, 'seed'), r.name).toBe(SEED);
      }
      // Every operation of the spec is in the results, and the security checks are the critical ones.
      expect(new Set(results.map((r) => labelOf(r, 'feature')))).toEqual(new Set(spec.operations.map((o) => o.operationId)));
      expect(results.filter((r) => labelOf(r, 'story') === 'iam-denied').every((r) => labelOf(r, 'severity') === 'critical')).toBe(true);
    }
    // The principals a test acted as: named where known, and only configured ones.
    const clean = readResults(cleanDir);
    const configured = new Set(Object.keys(mock.config.principals));
    const withPrincipal = clean.filter((r) => paramOf(r, 'principal'));
    expect(withPrincipal.length).toBeGreaterThan(clean.length / 2);
    for (const r of withPrincipal) for (const p of (paramOf(r, 'principal') ?? '').split(', ')) expect(configured, r.name).toContain(p);
    const isolation = clean.find((r) => labelOf(r, 'story') === 'tenant-isolation');
    expect(paramOf(isolation as AllureResult, 'principal')).toContain('stranger');
  });

  it('a failing test is `failed` with its story the failing check, and carries the redacted exchanges and the curl line', () => {
    const results = readResults(faultyDir);
    const report = JSON.parse(readFileSync(join(faultyDir, 'summary.json'), 'utf8')) as RunReport;
    // Every operation the fault fails in summary.json has a failed Allure test with that story.
    const failedOps = new Set(report.results.filter((r) => r.status === 'failed' && r.check === 'use-after-delete').map((r) => r.operationId));
    const failed = results.filter((r) => r.status === 'failed' && labelOf(r, 'story') === 'use-after-delete');
    expect(failedOps.size).toBeGreaterThan(0);
    expect(new Set(failed.map((r) => labelOf(r, 'feature')))).toEqual(failedOps);
    for (const r of failed) {
      expect(r.status, r.name).toBe('failed');
      expect(labelOf(r, 'story'), r.name).toBe('use-after-delete');
      expect(r.statusDetails.message, r.name).toMatch(/^use-after-delete: /);
      const files = attachmentsOf(r);
      expect(files.map((a) => a.name).sort(), r.name).toEqual(['use-after-delete: curl', 'use-after-delete: exchanges']);
      for (const a of files) expect(existsSync(join(resultsDirOf(faultyDir), a.source)), a.source).toBe(true);
      const exchanges = JSON.parse(readFileSync(join(resultsDirOf(faultyDir), files.find((a) => a.type === 'application/json')?.source ?? ''), 'utf8')) as {
        request: { method: string; url: string; headers: Record<string, string> };
        response: { status: number };
      }[];
      expect(exchanges.length).toBeGreaterThan(0);
      for (const e of exchanges) expect(e.request.headers['x-auth-token'] ?? '***').toBe('***');
      const curl = readFileSync(join(resultsDirOf(faultyDir), files.find((a) => a.type === 'text/plain')?.source ?? ''), 'utf8');
      expect(curl).toMatch(/^curl -i -X [A-Z]+ 'http:\/\/127\.0\.0\.1:\d+\//);
      // The credential is a shell variable placeholder, whatever the quoting.
      expect(curl).toMatch(/-H ["']x-auth-token: \$X_AUTH_TOKEN["']/);
    }
  });

  it('report.html is one self-contained file: every script, style and image inline, nothing fetched from anywhere', () => {
    for (const dir of [cleanDir, faultyDir]) {
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(statSync(join(dir, 'report.html')).size).toBeGreaterThan(100_000);
      const refs = [...html.matchAll(/<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?\b(?:src|href|data)\s*=\s*["']([^"']*)["']/gi)].map(
        (m) => `${m[1]} ${m[2]?.slice(0, 60)}`,
      );
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.filter((r) => !/^\w+ data:/.test(r))).toEqual([]);
      expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
      expect(html).not.toMatch(/googletagmanager|google-analytics/);
      expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
      expect(existsSync(join(dir, 'allure-report'))).toBe(false);
    }
  });

  it('no secret reaches allure-results or report.html (its embedded data decoded)', async () => {
    // The token shape is an assumption about the mock: hold it against a token it really issued.
    expect(mock.config.principals.owner?.token).toMatch(new RegExp(`^${TOKEN_SHAPE.source}$`));
    expect(secrets.length).toBeGreaterThan(3);
    const leaks: string[] = [];
    for (const dir of [cleanDir, faultyDir])
      for (const [name, text] of outputTexts(dir)) {
        for (const s of secrets) if (text.includes(s) || text.includes(s.slice(0, 24))) leaks.push(`${dir}/${name}: ${s.slice(0, 10)}…`);
        for (const m of text.matchAll(TOKEN_SHAPE)) if (!m[0].includes('b0gus')) leaks.push(`${dir}/${name}: token-shaped ${m[0].slice(0, 10)}…`);
      }
    expect(leaks).toEqual([]);
  });

  describe('rendered in headless Chromium', () => {
    it('the clean report lists every operation of the spec', async ({ skip }) => {
      if (!chromium.ok) return skip(chromium.reason);
      const page = await dumpDom(chromium.path, join(cleanDir, 'report.html'));
      const lines = new Set(visibleText(page.dom));
      // Rendered offline under its Content-Security-Policy with nothing refused and nothing failing to load.
      expect(page.console.filter((l) => /Content Security Policy|Failed to load|net::ERR|Uncaught/i.test(l))).toEqual([]);
      expect(spec.operations.length).toBeGreaterThanOrEqual(29);
      expect(spec.operations.map((o) => o.operationId).filter((id) => !lines.has(id))).toEqual([]);
      expect([...lines].some((l) => l.startsWith('IMS conformance — ✔ PASSED: '))).toBe(true);
    }, 180_000);

    it('the overview shows the verdict and summary.md’s counts (one test per operation × check result), tool version, spec hash and seed', async ({ skip }) => {
      if (!chromium.ok) return skip(chromium.reason);
      for (const dir of [cleanDir, faultyDir]) {
        const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunReport;
        const md = readFileSync(join(dir, 'summary.md'), 'utf8');
        const t = summary.totals;
        // summary.md's own numbers, read from its totals table: the report must show these.
        const row = /\| total \|\n\|[-:| ]+\|\n\| ([\d |]+) \|/.exec(md)?.[1]?.split(' | ').map(Number);
        expect(row).toEqual([t.passed, t.failed, t.error, t.advisory, t.waived, t.skipped, t['not-applicable'], summary.results.length]);
        const lines = visibleText((await dumpDom(chromium.path, join(dir, 'report.html'))).dom);
        const verdict = summary.verdict === 'passed' ? '✔ PASSED' : '✘ FAILED';
        expect(md).toContain(`**Verdict: ${verdict}**`);
        expect(lines).toContain(`IMS conformance — ${verdict}: ${t.passed} passed, ${t.failed} failed of ${summary.results.length} operation × check results`);
        const counter = (name: string): string | undefined => lines[lines.indexOf(name) + 1];
        expect(counter('Total')).toBe(String(summary.results.length));
        expect(counter('Passed')).toBe(String(t.passed));
        if (t.failed > 0) expect(counter('Failed')).toBe(String(t.failed));
        if (t.skipped > 0) expect(counter('Skipped')).toBe(String(t.skipped));
        const unknown = t.advisory + t.waived + t['not-applicable'];
        if (unknown > 0) expect(counter('Unknown')).toBe(String(unknown));
        for (const [name, value] of <[string, string][]>[
          ['Verdict', verdict],
          ['Tool', `ims-conformance ${summary.tool.version}`],
          ['Spec', `${summary.spec.version} sha256 ${summary.spec.hash}`],
          ['Seed', SEED],
        ])
          expect(counter(name), name).toBe(value);
      }
      const png = join(tmpdir(), 'ims-conformance-report-overview.png');
      await screenshot(chromium.path, join(faultyDir, 'report.html'), png);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      console.info(`screenshot of the faulty report's overview: ${png}`);
    }, 300_000);

    it('the faulty report lists every operation, shows the failing tests, and a failing test shows its error and evidence', async ({ skip }) => {
      if (!chromium.ok) return skip(chromium.reason);
      const file = join(faultyDir, 'report.html');
      const rendered = await dumpDom(chromium.path, file);
      expect(rendered.console.filter((l) => /Content Security Policy|Failed to load|net::ERR|Uncaught/i.test(l))).toEqual([]);
      const lines = visibleText(rendered.dom);
      const seen = new Set(lines);
      expect(spec.operations.map((o) => o.operationId).filter((id) => !seen.has(id))).toEqual([]);
      // report.html's tests are summary.json's operation × check results: its failing ones are the failed results.
      const summary = JSON.parse(readFileSync(join(faultyDir, 'summary.json'), 'utf8')) as RunReport;
      const failed = summary.results.filter((r) => r.status === 'failed').map((r) => r.id);
      expect(failed.length).toBeGreaterThan(0);
      // Groups holding a failure open by themselves: each failing test is on the first page.
      expect(failed.filter((n) => !seen.has(n))).toEqual([]);
      const failedCount = lines.findIndex((l, i) => l === 'Failed' && lines[i + 1] === String(failed.length));
      expect(failedCount, 'a "Failed N" counter').toBeGreaterThanOrEqual(0);

      // One failing test's own page (the report routes by its test-result id, found in the report's embedded data).
      const html = readFileSync(file, 'utf8');
      const page = [...html.matchAll(/d\("data\/test-results\/([0-9a-f]+)\.json","([A-Za-z0-9+/=]+)"\)/g)]
        .map((m) => ({
          id: m[1],
          tr: JSON.parse(Buffer.from(m[2] ?? '', 'base64').toString('utf8')) as { name: string; status: string; labels?: { name: string; value: string }[] },
        }))
        // A loaded CI machine can add unrelated failures; the evidence checked here is the fault's own.
        .find((p) => p.tr.status === 'failed' && (p.tr.labels ?? []).some((l) => l.name === 'story' && l.value === 'use-after-delete'));
      if (!page) throw new Error('report.html embeds no failed test result');
      const detail = visibleText((await dumpDom(chromium.path, file, `#${page.id}`)).dom);
      expect(detail).toContain(page.tr.name);
      expect(detail).toContain('use-after-delete: exchanges');
      expect(detail).toContain('use-after-delete: curl');
      expect(detail.some((l) => l.startsWith('use-after-delete: Expected 404, or 400 with IMG.0027'))).toBe(true);

      const png = join(tmpdir(), 'ims-conformance-report-faulty.png');
      await screenshot(chromium.path, file, png);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(20_000);
      console.info(`screenshot of the faulty report: ${png}`);
    }, 300_000);
  });
});
