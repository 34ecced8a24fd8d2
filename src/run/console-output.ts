import { existsSync, readdirSync, statSync } from 'node:fs';
import { coverageConsoleLines } from '../../reports/status-coverage.js';
import { join } from 'node:path';
import type { ReportResult, RunReport } from '../../reports/report-model.js';
import { timingPhrase } from '../../reports/timings.js';
import { curlCaveat } from '../../reports/rerun.js';
import { renderMatrix } from './matrix.js';
import { type Paint, painter, SGR } from './paint.js';

export interface ConsoleOptions {
  out: (line: string) => void;
  /** Colour: only when stdout is a terminal and NO_COLOR is not set. */
  color: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** Failures shown in full at the end; the rest get one line each (all of them are in the reports). */
const DETAILED_FAILURES = 25;
/** Distinct findings shown per failure. */
const FINDINGS_SHOWN = 3;

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/** The names of the `$PLACEHOLDER`s a curl line expects in the environment. */
const placeholdersOf = (curl: string): string[] => [...curl.matchAll(/-H "[A-Za-z0-9-]+: \$([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1] as string);

/** The report a failure belongs to, and where it was written (the `replay` line names it). */
interface FailureContext {
  report: RunReport;
  reportDir: string | undefined;
}

function failureLines(r: ReportResult, paint: Paint, { report, reportDir }: FailureContext): string[] {
  const mark = r.status === 'error' ? paint(SGR.yellow, '!') : paint(SGR.red, '✘');
  const label = (name: string): string => paint(SGR.dim, `${name}:`);
  const first = r.findings[0];
  const lines = [
    `${mark} ${paint(SGR.bold, r.id)} (${r.method} ${r.path})`,
    `  ${label('operation')} ${r.operationId} (area ${r.area}) · ${label('check')} ${r.check}${first ? ` — ${first.title}` : r.status === 'error' ? ' — harness error' : ''}`,
  ];
  const messages = [...new Set((r.findings.length > 0 ? r.findings.map((f) => f.message) : [r.message]).filter(Boolean))];
  for (const message of messages.slice(0, FINDINGS_SHOWN))
    lines.push(`  ${label(r.status === 'error' ? 'error' : 'documented vs received')} ${oneLine(message, 400)}`);
  if (messages.length > FINDINGS_SHOWN) lines.push(`  ${paint(SGR.dim, `(+${messages.length - FINDINGS_SHOWN} more findings in the reports)`)}`);
  if (r.documentedBy?.length) lines.push(`  ${label('documented by')} ${r.documentedBy.join('; ')}`);
  if (r.strict) lines.push(`  ${label('strict')} an advisory (the spec's own reading), failed because of --strict`);
  if (r.hint) lines.push(`  ${label('fix')} ${r.hint}`);
  if (r.curl) {
    lines.push(`  ${label('curl')} ${oneLine(r.curl, 4_000)}`);
    const caveat = curlCaveat(report, r.curl);
    if (caveat) lines.push(`  ${paint(SGR.dim, `(${caveat})`)}`);
  }
  lines.push(`  ${label('re-run')} ${r.reproduce}`);
  if (reportDir) lines.push(`  ${label('replay')} ims-conformance replay ${reportDir} ${r.id}`);
  return lines;
}

const REPORT_FILES: [string, string][] = [
  ['report.html', 'the HTML report: open it in a browser'],
  ['summary.md', 'the acceptance report'],
  ['junit.xml', 'for CI'],
  ['summary.json', 'machine-readable'],
  ['allure-results', 'Allure raw results'],
];

/** `reports: DIR` and what is in it, one file a line, the ones a person opens first named first. */
function reportLines(dir: string): string[] {
  if (!existsSync(dir)) return [`reports: ${dir}`];
  const present = readdirSync(dir);
  const name = (file: string): string => `${file}${statSync(join(dir, file)).isDirectory() ? '/' : ''}`;
  const known = REPORT_FILES.filter(([file]) => present.includes(file)).map(([file, what]) => `  ${name(file).padEnd(16)} ${what}`);
  // Dot files are bookkeeping (the run's lock on the directory), not reports.
  const others = present
    .filter((file) => !file.startsWith('.') && !REPORT_FILES.some(([k]) => k === file))
    .sort()
    .map((file) => `  ${name(file)}`);
  return [`reports: ${dir}`, ...known, ...others];
}

/** Skipped checks grouped by reason, the commonest first: skips are never silent. */
function skipLines(report: RunReport): string[] {
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length === 0) return [];
  const byReason = new Map<string, number>();
  for (const r of skipped) {
    const reason = oneLine(r.message || '(no reason given)', 160);
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const sorted = [...byReason].sort((a, b) => b[1] - a[1]);
  const lines = [`${skipped.length} checks skipped, by reason:`];
  for (const [reason, count] of sorted.slice(0, 5)) lines.push(`  – ${String(count).padStart(3)} × ${reason}`);
  if (sorted.length > 5) lines.push(`  – (${sorted.length - 5} more reasons in the reports)`);
  return lines;
}

/** Advisories, one line each: departures from the spec's own reading where the documents are silent. */
function advisoryLines(report: RunReport): string[] {
  const advisories = report.results.filter((r) => r.status === 'advisory');
  if (advisories.length === 0) return [];
  const lines = [
    `${advisories.length} ${advisories.length === 1 ? 'advisory' : 'advisories'} (not failures: the documents do not demand this; --strict fails them):`,
  ];
  for (const r of advisories.slice(0, 15)) lines.push(`  A ${r.id} — ${oneLine(r.message, 160)}`);
  if (advisories.length > 15) lines.push(`  A (${advisories.length - 15} more in the reports)`);
  return lines;
}

function waiverAndBaselineLines(report: RunReport): string[] {
  const lines: string[] = [];
  const waived = report.results.filter((r) => r.status === 'waived');
  if (waived.length > 0) {
    lines.push(`${waived.length} failures waived:`);
    for (const r of waived.slice(0, 20)) lines.push(`  ≈ ${r.id} — ${r.waiver?.reason ?? 'waived'}${r.waiver?.expires ? ` (until ${r.waiver.expires})` : ''}`);
    if (waived.length > 20) lines.push(`  ≈ (${waived.length - 20} more in the reports)`);
  }
  const b = report.baseline;
  if (b) {
    lines.push(`against ${b.file}: ${b.new.length} new failures, ${b.fixed.length} fixed, ${b.unchanged.length} unchanged`);
    if (b.new.length > 0) lines.push(`  new: ${b.new.slice(0, 15).join(', ')}${b.new.length > 15 ? ', …' : ''}`);
    if (b.fixed.length > 0) lines.push(`  fixed: ${b.fixed.slice(0, 15).join(', ')}${b.fixed.length > 15 ? ', …' : ''}`);
  }
  return lines;
}

/** How the curl lines' `$PLACEHOLDER`s are filled: they carry no credentials. */
function placeholderLines(failing: ReportResult[], paint: Paint): string[] {
  const placeholders = [...new Set(failing.flatMap((r) => (r.curl ? placeholdersOf(r.curl) : [])))];
  if (placeholders.length === 0) return [];
  return [
    '',
    paint(
      SGR.dim,
      `curl lines carry no credentials: set ${placeholders.map((p) => `$${p}`).join(', ')} (e.g. a token of the principal named in the message) before running them.`,
    ),
  ];
}

/** Every check that failed or erred: the first ones in full, the rest one line each. */
function failingLines(report: RunReport, paint: Paint, reportDir: string | undefined): string[] {
  const failing = report.results.filter((x) => x.status === 'failed' || x.status === 'error');
  if (failing.length === 0) return [];
  const lines = [
    '',
    paint(
      SGR.bold,
      `${failing.length} ${failing.length === 1 ? 'check' : 'checks'} did not pass — what was expected, what came back, how to fix and reproduce it:`,
    ),
  ];
  for (const r of failing.slice(0, DETAILED_FAILURES)) lines.push('', ...failureLines(r, paint, { report, reportDir }));
  if (failing.length > DETAILED_FAILURES) {
    lines.push('', `${failing.length - DETAILED_FAILURES} more (details in the reports):`);
    for (const r of failing.slice(DETAILED_FAILURES)) lines.push(`${paint(SGR.red, '✘')} ${r.id} (${r.method} ${r.path}) — ${oneLine(r.message, 120)}`);
  }
  return [...lines, ...placeholderLines(failing, paint)];
}

/** All but the verdict: the matrix, failures, advisories, skips, waivers and baseline, coverage, the report files. */
function detailLines(report: RunReport, options: ConsoleOptions, paint: Paint, reportDir: string | undefined): string[] {
  const matrix = renderMatrix(
    report.results.map((r) => ({ ...r, checkId: r.check })),
    options.color,
    report.operations.map((o) => o.area),
  );
  const failing = failingLines(report, paint, reportDir);
  const extra = [...advisoryLines(report), ...skipLines(report), ...waiverAndBaselineLines(report), ...coverageConsoleLines(report, options.verbose === true)];
  return ['', ...matrix, ...failing, ...(extra.length > 0 ? ['', ...extra] : []), '', ...(reportDir ? reportLines(reportDir) : [])];
}

/** The verdict with the counts, the run's size, time and seed; and, when nothing was judged, why that proves nothing. */
function verdictLines(report: RunReport, paint: Paint): string[] {
  const t = report.totals;
  const operations = new Set(report.results.map((r) => r.operationId)).size;
  const verdict = report.verdict.toUpperCase();
  const counts = [
    `${t.passed} passed`,
    `${t.failed} failed`,
    ...(t.advisory ? [`${t.advisory} advisory`] : []),
    `${t.skipped} skipped`,
    ...(t['not-applicable'] ? [`${t['not-applicable']} nothing to judge`] : []),
    `${t.error} errors`,
    ...(t.waived ? [`${t.waived} waived`] : []),
  ];
  const lines = [
    `${paint(report.verdict === 'passed' ? SGR.green : SGR.red, verdict)}: ${counts.join(', ')} — ${operations} operations, ${report.results.length} operation × check results, ${(report.durationMs / 1000).toFixed(1)} s${report.timings ? ` (${timingPhrase(report.timings)})` : ''}, seed ${report.seed}`,
  ];
  if (report.verdict === 'not-judged')
    lines.push('no check judged anything (every selected check was skipped or had nothing to judge): the run proves nothing — see the skip reasons above');
  return lines;
}

/**
 * The end of a run: the matrix; every failure with its operation, check, documented vs received, fix, curl and
 * re-run line; skipped checks by reason; waivers and the baseline comparison; where the reports are; the verdict.
 */
export function printSummary(report: RunReport, options: ConsoleOptions, reportDir: string | undefined): void {
  const paint = painter(options.color);
  const lines = options.quiet ? verdictLines(report, paint) : [...detailLines(report, options, paint, reportDir), ...verdictLines(report, paint)];
  for (const line of lines) options.out(line);
}
