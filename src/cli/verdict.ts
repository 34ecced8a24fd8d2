import type { ResolvedTarget } from '../engine/run-conformance.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { buildReport, type ReportInput } from '../../reports/build-report.js';
import { writeReports } from '../../reports/write-reports.js';
import { mergeTallies } from '../../reports/status-coverage.js';
import { failOnNote, finishReport, reportFails, type ReportOptions } from '../../reports/report-options.js';
import { printSummary, type ConsoleOptions } from '../run/console-output.js';
import { runTimings } from '../run/timed-units.js';
import type { SuiteRun } from '../run/vitest-run.js';

/** What a run was given: its target, contract, report options and console. */
export interface RunSetup {
  target: ResolvedTarget;
  spec: LoadedSpec;
  reportOptions: ReportOptions;
  console: ConsoleOptions;
  err: (line: string) => void;
  /** The config file and embedded-mock flags it was started with: the re-run lines and `replay` repeat them. */
  started?: ReportInput['started'];
}

/**
 * Writes the reports of a finished run, prints its summary and returns the exit code: 0 when every check passed
 * (or was advisory, waived or skipped with a reason), 1 when one failed or the harness broke, 2 when nothing was judged.
 */
export function reportAndVerdict(context: RunSetup, run: SuiteRun, started: Date): number {
  const { target, reportOptions, console: consoleOptions, err } = context;
  const results = run.book.all();
  const durationMs = Date.now() - started.getTime();
  const timings = runTimings(run.units, durationMs);
  const built = buildReport({
    config: target.config,
    embedded: target.embedded,
    spec: context.spec,
    results,
    startedAt: started,
    durationMs,
    statuses: mergeTallies(run.tests.map((t) => t.meta?.statuses)),
    timings,
    ...(context.started ? { started: context.started } : {}),
  });
  const finished = finishReport(built, reportOptions);
  const notes = finished.notes;
  const notJudged = finished.report.verdict === 'not-judged' && run.unhandled.length === 0;
  // Recorded before the reports are written: the next night takes this one as its baseline only when it was green.
  const green = !notJudged && !reportFails(finished.report, reportOptions) && run.unhandled.length === 0;
  const report = { ...finished.report, green };
  const written = writeReports(report, target.config.reportDir, { html: reportOptions.html });
  if (!consoleOptions.quiet) for (const note of notes) consoleOptions.out(note);
  printSummary(report, consoleOptions, written.dir);
  const failOn = failOnNote(report, reportOptions);
  if (failOn && !consoleOptions.quiet) consoleOptions.out(failOn);
  for (const e of run.unhandled) err(`harness error outside the tests: ${e}`);
  if (notJudged) {
    err(
      'ims-conformance run: no check judged anything (every selected check was skipped or had nothing to judge); the skip reasons above say what the run needs',
    );
    return 2;
  }
  return green ? 0 : 1;
}
