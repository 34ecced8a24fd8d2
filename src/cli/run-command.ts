import { execFileSync } from 'node:child_process';
import { flagsAndConfig, listFlag, textFlag } from './flags-and-config.js';
import { resolveTarget } from './embedded-target.js';
import { isMockVariant, MOCK_VARIANTS } from '../../mock/variant.js';
import { loadSpec } from '../spec/load-spec.js';
import { tlsAgentOptions } from '../transport/tls.js';
import { DEFAULT_TRANSPORT, Transport } from '../transport/transport.js';
import { buildReport } from '../../reports/build-report.js';
import { writeReports } from '../../reports/write-reports.js';
import { mergeTallies } from '../../reports/status-coverage.js';
import { failOnNote, finishReport, loadReportOptions, ReportOptionError, reportFails } from '../../reports/run-options.js';
import { shardOnly, shardOperations } from '../../reports/shard.js';
import { printSummary } from '../run/console-output.js';
import { plannedTests } from '../run/planned-tests.js';
import { createProgress, type Terminal } from '../run/progress.js';
import { runTimings } from '../run/run-timings.js';
import { runSuitesWithVitest } from '../run/vitest-run.js';
import { preflight } from './preflight.js';
import { sweepEarlierRuns, sweepFinishedRun, sweepInterruptedRun } from './run-sweep.js';
import { stopOnSignals, type SignalSource } from './signals.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
  env: Record<string, string | undefined>;
  /** Set when stdout is a terminal: the progress is one status line redrawn in place; otherwise compact log lines. */
  tty?: Terminal | undefined;
  /** Where SIGINT/SIGTERM come from (the process); without it the run cannot be interrupted. */
  signals?: SignalSource | undefined;
}

/**
 * `ims-conformance run`: every operation of the spec against the target (the embedded mock when none is
 * given). Exit 0 when every check passed, was advisory or was skipped with a reason, 1 when one failed (or the
 * harness broke), 2 for a usage/config error, an unreachable target, or a run that judged nothing.
 */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  const parsed = flagsAndConfig('run', argv, io);
  if (typeof parsed === 'number') return parsed;
  const { flags } = parsed;
  let config = parsed.config;
  let reportOptions;
  try {
    reportOptions = loadReportOptions(flags, io.env);
  } catch (error) {
    if (error instanceof ReportOptionError) {
      io.err(`ims-conformance run: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (reportOptions.shard) {
    // A shard runs the scenarios of its operations only: they become `--only` prefixes (within the user's own).
    const { operations } = await loadSpec(undefined, config.profile);
    const mine = shardOperations(
      operations.map((o) => o.operationId),
      reportOptions.shard,
    );
    config = { ...config, only: shardOnly(operations, reportOptions.shard, config.only) };
    if (flags.quiet !== true)
      io.out(`shard ${reportOptions.shard.index}/${reportOptions.shard.count}: ${mine.length} of ${operations.length} operations (${mine.join(', ')})`);
  }
  const mockFaults = listFlag(flags, 'mock-fault');
  if (mockFaults.length > 0 && config.target) {
    io.err('ims-conformance run: --mock-fault only applies to the embedded mock; drop --target to use it');
    return 2;
  }
  const appearDelay = textFlag(flags, 'mock-appear-delay');
  if (appearDelay !== undefined && (!/^\d+$/.test(appearDelay) || !Number.isSafeInteger(Number(appearDelay)))) {
    io.err(`ims-conformance run: --mock-appear-delay must be a whole, non-negative number of milliseconds, got "${appearDelay}"`);
    return 2;
  }
  if (appearDelay !== undefined && config.target) {
    io.err('ims-conformance run: --mock-appear-delay only applies to the embedded mock; drop --target to use it');
    return 2;
  }
  const mockVariant = textFlag(flags, 'mock-variant');
  if (mockVariant !== undefined && !isMockVariant(mockVariant)) {
    io.err(`ims-conformance run: unknown --mock-variant "${mockVariant}"; use ${MOCK_VARIANTS.join(' or ')}`);
    return 2;
  }
  if (mockVariant !== undefined && config.target) {
    io.err('ims-conformance run: --mock-variant only applies to the embedded mock; drop --target to use it');
    return 2;
  }
  let target;
  try {
    target = await resolveTarget(config, {
      faults: mockFaults,
      ...(appearDelay !== undefined ? { appearDelayMs: Number(appearDelay) } : {}),
      ...(mockVariant !== undefined ? { variant: mockVariant } : {}),
    });
  } catch (error) {
    io.err(`ims-conformance run: ${(error as Error).message}`);
    return 2;
  }
  try {
    const spec = await loadSpec(undefined, config.profile);
    const probe = new Transport({ ...DEFAULT_TRANSPORT, timeoutMs: Math.min(config.timeoutMs, 15_000) }, tlsAgentOptions(config.tls));
    const reached = await probe.send({ method: 'GET', url: `${target.config.target.replace(/\/+$/, '')}/`, headers: { accept: 'application/json' } });
    await probe.close();
    if (!reached.ok) {
      io.err(`ims-conformance run: target ${target.config.target} is unreachable (${reached.error.message}); check --target and the network`);
      return 2;
    }
    const consoleOptions = { out: io.out, color: io.color, quiet: flags.quiet === true, verbose: flags.verbose === true };
    if (!consoleOptions.quiet) {
      io.out(
        `ims-conformance — target ${target.config.target}${target.embedded ? ' (embedded mock' + (mockVariant ? `, variant ${mockVariant}` : '') + (mockFaults.length ? `, faults: ${mockFaults.join(', ')}` : '') + (appearDelay ? `, images appear after ${appearDelay} ms` : '') + ')' : ''}`,
      );
      io.out(
        `profile ${config.profile} · seed ${config.seed} · runs ${config.runs} · run id ${config.runId} · spec ${spec.version} (${spec.hash.slice(0, 12)})`,
      );
    }
    if (flags.preflight === true && !(await preflight(target.config, spec, io, consoleOptions.quiet))) return 2;
    if (config.sweep) await sweepEarlierRuns(target.config, spec, io.out);
    const started = new Date();
    const planned = plannedTests(spec.operations, target.config.only);
    if (planned.size === 0) {
      io.err(`ims-conformance run: --only ${target.config.only.join(' --only ')} selects no test; \`ims-conformance list\` shows the result ids`);
      return 2;
    }
    const progress = createProgress({ ...consoleOptions, tty: io.tty, planned });
    // First Ctrl-C (or SIGTERM): stop starting tests, then delete what this run made. A second one: leave at once,
    // saying what may be left and how to remove it.
    const leftHint = `images named and tagged ${config.runId} may be left on ${target.config.target}; \`ims-conformance run --sweep\` (with this config) deletes them`;
    const stop = io.signals
      ? stopOnSignals(
          io.signals,
          () => {
            io.err(`ims-conformance run: ${leftHint}`);
            killChildren();
            process.exit(130);
          },
          (text) => io.err(text.trimEnd()),
          'ims-conformance run:',
        )
      : undefined;
    stop?.signal.addEventListener(
      'abort',
      () => io.err(`ims-conformance run: ${String(stop.signal.reason)}: stopping; cleaning up what this run created (again to exit at once)`),
      { once: true },
    );
    let run;
    try {
      run = await runSuitesWithVitest(target.config, spec, progress.listener, stop?.signal, target.embedded).finally(() => progress.finish());
      if (stop?.signal.aborted) {
        const clean = await sweepInterruptedRun(target.config, spec, io.out);
        if (!clean) io.err(`ims-conformance run: ${leftHint}`);
        io.err(`ims-conformance run: interrupted by ${String(stop.signal.reason)}; no reports were written`);
        return 130;
      }
      // What the suite files could not track (or still saw refuse deletion) goes by run id.
      if (!config.readOnly && !(await sweepFinishedRun(target.config, spec, consoleOptions.quiet ? () => {} : io.out)))
        io.err(`ims-conformance run: ${leftHint}`);
    } finally {
      stop?.dispose();
    }
    const results = run.book.all();
    const durationMs = Date.now() - started.getTime();
    const timings = runTimings(run.units, durationMs);
    const built = buildReport({
      config: target.config,
      embedded: target.embedded,
      spec,
      results,
      startedAt: started,
      durationMs,
      statuses: mergeTallies(run.tests.map((t) => t.meta?.statuses)),
      timings,
    });
    const { report, notes } = finishReport(built, reportOptions);
    const written = writeReports(report, config.reportDir, { html: reportOptions.html });
    if (!consoleOptions.quiet) for (const note of notes) io.out(note);
    printSummary(report, consoleOptions, written.dir);
    const failOn = failOnNote(report, reportOptions);
    if (failOn && !consoleOptions.quiet) io.out(failOn);
    for (const e of run.unhandled) io.err(`harness error outside the tests: ${e}`);
    if (report.verdict === 'not-judged' && run.unhandled.length === 0) {
      io.err(
        'ims-conformance run: no check judged anything (every selected check was skipped or had nothing to judge); the skip reasons above say what the run needs',
      );
      return 2;
    }
    return !reportFails(report, reportOptions) && run.unhandled.length === 0 ? 0 : 1;
  } finally {
    await target.stop();
  }
}

/**
 * "Exit at once" includes the suite files' worker processes: orphaned, they would finish their tests against the
 * target. Linux's pgrep names them; where it is missing they end when they notice the closed channel.
 */
function killChildren(): void {
  try {
    const pids = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8', timeout: 2_000 })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  } catch {
    // No pgrep, or no children.
  }
}
