import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/spec/package-root.js';

/** `report.html`: the Allure 3 "awesome" report of `<reportDir>/allure-results`, one self-contained file. */
export const HTML_REPORT = 'report.html';
export const ALLURE_RESULTS = 'allure-results';

export interface HtmlReport {
  file: string;
  bytes: number;
  tests: number;
  ms: number;
}

export type HtmlOutcome = ({ ok: true } & HtmlReport) | { ok: false; error: string };

/** The optional packages report.html is built with (package.json `optionalDependencies`), pinned together. */
export const ALLURE_HTML_PACKAGES = ['@allurereport/core@3.18.0', '@allurereport/plugin-awesome@3.18.0'];

/**
 * The Allure 3 modules this needs, loaded only when report.html is asked for: they take a while to import, and they
 * are optional dependencies (over a hundred packages for an on-demand report), so an install without them gets a
 * one-line way to add them instead of a stack trace.
 */
async function allureModules(): Promise<{ core: typeof import('@allurereport/core'); Awesome: typeof import('@allurereport/plugin-awesome').default }> {
  try {
    const [core, awesome] = await Promise.all([import('@allurereport/core'), import('@allurereport/plugin-awesome')]);
    return { core, Awesome: awesome.default };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(`report.html needs the optional Allure packages, which are not installed: npm install ${ALLURE_HTML_PACKAGES.join(' ')}`);
  }
}

/**
 * The awesome template always adds a Google Analytics tag (a script from googletagmanager.com and its inline
 * config). A conformance report goes to vendors and CI artifacts: it must not load anything from anywhere, so
 * the tag is cut out, and a Content-Security-Policy keeps the page from reaching the network at all.
 */
const ANALYTICS = /<script[^>]*\bsrc="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>\s*<script>[\s\S]*?gtag\([\s\S]*?<\/script>/g;
const CSP =
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' data: blob:; ` +
  `style-src 'unsafe-inline' data: blob:; img-src data: blob:; font-src data:; connect-src data: blob:; media-src data: blob:; worker-src blob: data:">`;

export function selfContained(html: string): string {
  return html.replace(ANALYTICS, '').replace(/<head>/i, `<head>\n    ${CSP}`);
}

/** The report's text as a reader (or a secret scanner) sees it: the HTML plus every embedded base64 data file decoded. */
export function reportHtmlText(html: string): string {
  const decoded: string[] = [];
  for (const m of html.matchAll(/d\("([^"]+)","([A-Za-z0-9+/=]*)"\)/g)) decoded.push(`\n--- ${m[1]}\n${Buffer.from(m[2] ?? '', 'base64').toString('utf8')}`);
  return html + decoded.join('');
}

/**
 * Generates `<reportDir>/report.html` from `<reportDir>/summary.json` with the Allure 3 API (no Java, no CLI): one
 * Allure test per operation × check result (reports/allure-of-report.ts), so its counts are summary.md's, and the
 * verdict, counts, tool version, spec hash and seed on its overview (the report's name and variables). The awesome
 * plugin in single-file mode, grouped by area → operation → check, into a scratch folder (Allure also writes its own
 * summary.json there), then moved next to the other reports.
 */
export async function generateHtmlReport(reportDir: string): Promise<HtmlReport> {
  const started = Date.now();
  const dir = resolve(reportDir);
  const { core, Awesome } = await allureModules();
  // Ours, loaded once Allure's are: the child that runs this needs nothing else, and an install without the
  // optional packages stops on them first, with the line that installs them.
  const [{ readReport }, { overviewFacts, reportNameOf, writeAllureResultsOf }] = await Promise.all([
    import('./read-report.js'),
    import('./allure-of-report.js'),
  ]);
  const { report } = readReport(dir);
  if (report.results.length === 0) throw new Error(`no results in ${join(dir, 'summary.json')}`);
  const scratch = mkdtempSync(join(tmpdir(), 'ims-allure-'));
  try {
    const results = join(scratch, 'results');
    const tests = writeAllureResultsOf(report, results);
    const name = reportNameOf(report);
    const output = join(scratch, 'out');
    // `plugins: {}` keeps Allure from adding its defaults (and its agent plugin); the one plugin is set below.
    const config = await core.resolveConfig({ name, output, variables: overviewFacts(report) }, { cwd: dir, plugins: {} });
    const awesome = { singleFile: true, reportName: name, reportLanguage: 'en', groupBy: ['feature'], defaultSortBy: 'name,asc' };
    config.plugins = [{ id: 'awesome', enabled: true, options: awesome, plugin: new Awesome(awesome) }];
    const allure = new core.AllureReport(config);
    await allure.start();
    await allure.readDirectory(results);
    await allure.done();
    const index = join(output, 'index.html');
    if (!existsSync(index)) throw new Error('Allure wrote no index.html');
    const html = selfContained(readFileSync(index, 'utf8'));
    const file = join(dir, HTML_REPORT);
    writeFileSync(file, html);
    return { file, bytes: Buffer.byteLength(html), tests, ms: Date.now() - started };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** This module compiled (the child runs it), also when the caller runs from the TypeScript sources under vitest. */
function compiledSelf(): string {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith('.ts') ? join(packageRoot(), 'dist', 'reports', 'write-html.js') : self;
}

/**
 * `generateHtmlReport` in a child process, waited for: the report writers are synchronous, and Allure's
 * single-file mode calls `process.exit(1)` when a report is too large — in a child that is an error message here,
 * not the end of the run. Never throws.
 */
export function writeHtmlReport(reportDir: string, options: { timeoutMs?: number } = {}): HtmlOutcome {
  // A report.html left from an earlier run must not pass for this one's when this one's cannot be made.
  rmSync(join(resolve(reportDir), HTML_REPORT), { force: true });
  const child = spawnSync(process.execPath, [compiledSelf(), resolve(reportDir)], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = child.stdout?.trim().split('\n').at(-1) ?? '';
  if (child.status === 0 && last.startsWith('{')) return { ok: true, ...(JSON.parse(last) as HtmlReport) };
  return {
    ok: false,
    error: child.error?.message ?? (child.signal ? `killed by ${child.signal}` : undefined) ?? reasonIn(child.stderr ?? '') ?? `exit ${child.status}`,
  };
}

/** One line from the child's stderr: its own message, or the error line of a crash (not the stack, not `Node.js vX`). */
function reasonIn(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^Node\.js v\d/.test(l));
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.at(-1);
}

// Run as a script by writeHtmlReport: `node write-html.js <reportDir>` prints the HtmlReport as one JSON line.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: write-html.js <reportDir>\n');
    process.exitCode = 2;
  } else {
    generateHtmlReport(dir).then(
      (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
