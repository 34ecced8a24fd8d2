import type { ReportResult, RunReport } from '../../reports/run-report.js';
import type { CollectedTest } from './outcome-collector.js';
import { renderMatrix } from './matrix.js';
import type { CheckResult } from '../engine/results.js';

export interface ConsoleOptions {
  out: (line: string) => void;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** What the terminal shows while tests finish. */
export function progressPrinter(options: ConsoleOptions): (test: CollectedTest) => void {
  return (test) => {
    if (options.verbose) options.out(`${test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '–'} ${test.title}`);
    else if (!options.quiet && test.state === 'failed') options.out(`✘ ${test.title}`);
  };
}

function failureLines(r: ReportResult): string[] {
  const lines = [`${r.status === 'error' ? '!' : '✘'} ${r.id} (${r.method} ${r.path})`, `  ${r.message.slice(0, 1_000)}`];
  if (r.hint) lines.push(`  fix: ${r.hint}`);
  lines.push(`  re-run: ${r.reproduce}`);
  return lines;
}

/** The end of a run: the matrix, every failure with its fix and re-run line, and the verdict line. */
export function printSummary(report: RunReport, results: readonly CheckResult[], options: ConsoleOptions, reportDir: string | undefined): void {
  if (!options.quiet) {
    options.out('');
    for (const line of renderMatrix(results, options.color, report.operations.map((o) => o.area))) options.out(line);
    options.out('');
    for (const r of report.results.filter((x) => x.status === 'failed' || x.status === 'error')) for (const line of failureLines(r)) options.out(line);
    if (reportDir) options.out(`reports: ${reportDir}`);
  }
  const t = report.totals;
  const operations = new Set(report.results.map((r) => r.operationId)).size;
  options.out(
    `${report.verdict.toUpperCase()}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.error} errors${t.waived ? `, ${t.waived} waived` : ''} — ${operations} operations, ${report.results.length} operation × check results, ${(report.durationMs / 1000).toFixed(1)} s, seed ${report.seed}`,
  );
}
