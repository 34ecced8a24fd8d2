import { compareWithBaseline, failsUnder, loadBaseline, regressionsOf, type BaselineResults, type FailOn } from './baseline.js';
import { retotal } from './build-report.js';
import type { RunReport } from './report-model.js';
import { parseShard, type Shard } from './shard.js';
import { envName } from '../src/config/flag-table.js';
import { applyWaivers, loadWaivers, type Waiver } from './waivers.js';

/** What `--waivers`, `--baseline`, `--fail-on`, `--shard` and `--strict` ask of a run's report (and its exit code). */
export interface ReportOptions {
  waivers?: { file: string; list: Waiver[] };
  baseline?: BaselineResults;
  failOn: FailOn;
  shard?: Shard;
  /** `--strict`: advisories (departures from the spec's own reading) fail like documented expectations. */
  strict: boolean;
  /** `--report html`: also build report.html (a few seconds and ~5 MB; `ims-conformance report <dir>` builds it later). */
  html: boolean;
}

/** The flags as `parseArgs` returns them; each also reads from its `IMS_*` variable. */
export interface ReportFlags {
  waivers?: string | undefined;
  baseline?: string | undefined;
  'fail-on'?: string | undefined;
  shard?: string | undefined;
  strict?: boolean | undefined;
  report?: string | string[] | undefined;
}

/** A bad `--waivers`/`--baseline`/`--fail-on`/`--shard`: one line; the CLI prints it and exits 2. */
export class ReportOptionError extends Error {}

const given = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

/**
 * Reads the waiver and baseline files and checks `--fail-on` and `--shard` before anything runs, so a bad file
 * stops the run at once. Flags beat `IMS_WAIVERS`, `IMS_BASELINE`, `IMS_FAIL_ON`, `IMS_SHARD`.
 */
export function loadReportOptions(flags: ReportFlags, env: Record<string, string | undefined>): ReportOptions {
  const waiversFile = given(flags.waivers) ?? given(env[envName('waivers')]);
  const baselineFile = given(flags.baseline) ?? given(env[envName('baseline')]);
  const failOn = given(flags['fail-on']) ?? given(env[envName('fail-on')]) ?? 'any';
  const shardText = given(flags.shard) ?? given(env[envName('shard')]);
  const strictEnv = given(env[envName('strict')]);
  if (strictEnv !== undefined && !['true', 'false', '1', '0'].includes(strictEnv))
    throw new ReportOptionError(`IMS_STRICT: "${strictEnv}" is not true or false`);
  const strict = flags.strict ?? (strictEnv === 'true' || strictEnv === '1');
  const html = htmlAsked(flags.report ?? given(env[envName('report')])?.split(','));
  if (failOn !== 'any' && failOn !== 'regressions') throw new ReportOptionError(`--fail-on: "${failOn}" is not any or regressions`);
  if (failOn === 'regressions' && !baselineFile)
    throw new ReportOptionError('--fail-on regressions needs --baseline <previous summary.json> to tell new failures from known ones');
  try {
    return {
      failOn,
      strict,
      html,
      ...(waiversFile ? { waivers: { file: waiversFile, list: loadWaivers(waiversFile) } } : {}),
      ...(baselineFile ? { baseline: loadBaseline(baselineFile) } : {}),
      ...(shardText ? { shard: parseShard(shardText) } : {}),
    };
  } catch (error) {
    throw new ReportOptionError((error as Error).message);
  }
}

/** The optional reports `--report` (or `IMS_REPORT`, comma-separated) names; `html` is the one there is. */
export const OPTIONAL_REPORTS = ['html'] as const;

/** True when `--report html` was given; an unknown report name is a usage error, not silently ignored. */
export function htmlAsked(values: string | readonly string[] | undefined): boolean {
  const names = (typeof values === 'string' ? [values] : (values ?? [])).map((v) => v.trim()).filter(Boolean);
  const unknown = names.find((n) => !(OPTIONAL_REPORTS as readonly string[]).includes(n));
  if (unknown !== undefined) throw new ReportOptionError(`--report: "${unknown}" is not a report to build; use ${OPTIONAL_REPORTS.join(', ')}`);
  return names.includes('html');
}

/**
 * Applies the options to a freshly built report, in this order: the shard is recorded, waivers turn covered
 * failures into `waived` (expired ones stay failing), then the baseline compares what still fails. Returns the
 * report and lines worth telling the user (waivers applied, expired, unused).
 */
export function finishReport(report: RunReport, options: Omit<ReportOptions, 'html'>, now: Date = new Date()): { report: RunReport; notes: string[] } {
  let out: RunReport = options.shard ? { ...report, shard: options.shard } : report;
  const notes: string[] = [];
  if (options.strict) {
    const advisories = out.results.filter((r) => r.status === 'advisory').length;
    out = retotal({ ...out, results: out.results.map((r) => (r.status === 'advisory' ? { ...r, status: 'failed', strict: true } : r)) });
    notes.push(`--strict: ${advisories} ${advisories === 1 ? 'advisory' : 'advisories'} counted as ${advisories === 1 ? 'a failure' : 'failures'}`);
  }
  if (options.waivers) {
    const w = applyWaivers(out, options.waivers.list, now);
    out = w.report;
    const parts = [`${w.applied.length} failing ${w.applied.length === 1 ? 'result' : 'results'} waived`];
    if (w.expired.length > 0) parts.push(`${w.expired.length} failing again because the waiver expired (${w.expired.join(', ')})`);
    if (w.unused.length > 0) parts.push(`${w.unused.length} matched no failing result (${w.unused.map((x) => x.id).join(', ')})`);
    notes.push(`waivers ${options.waivers.file}: ${parts.join('; ')}`);
  }
  if (options.baseline) out = compareWithBaseline(out, options.baseline);
  return { report: out, notes };
}

/** The exit decision: true when the run must exit 1 (any failure, or with `--fail-on regressions` a new one). */
export const reportFails = (report: RunReport, options: Pick<ReportOptions, 'failOn'>): boolean => failsUnder(report, options.failOn);

/** One line explaining the exit code when `--fail-on regressions` decides it. */
export function failOnNote(report: RunReport, options: Pick<ReportOptions, 'failOn'>): string | undefined {
  const b = report.baseline;
  if (options.failOn !== 'regressions' || !b) return undefined;
  const lost = b.lost ?? [];
  if (report.verdict === 'passed' && lost.length === 0) return undefined;
  const failing = report.totals.failed + report.totals.error;
  if (regressionsOf(b).length === 0)
    return `--fail-on regressions: ${failing} failing ${failing === 1 ? 'result' : 'results'}, none new against ${b.file} — exit 0`;
  const parts = [
    ...(b.new.length > 0 ? [`${b.new.length} new ${b.new.length === 1 ? 'failure' : 'failures'}`] : []),
    ...(lost.length > 0 ? [`${lost.length} passed there and skipped now (${lost.join(', ')})`] : []),
  ];
  return `--fail-on regressions: ${parts.join(', ')} against ${b.file} — exit 1`;
}
