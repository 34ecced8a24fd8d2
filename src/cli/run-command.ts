import type { Config } from '../config/config.js';
import type { ResolvedTarget } from '../engine/run-conformance.js';
import { resolve } from 'node:path';
import { flagsAndConfig, textFlag, type ParsedFlags } from './flags-and-config.js';
import { resolveTarget } from './embedded-target.js';
import { describeEmbeddedMock, embeddedMockFlags, mockStartOptions, type EmbeddedMockFlags } from './embedded-mock-flags.js';
import { loadSpec, type LoadedSpec } from '../spec/load-spec.js';
import { tlsAgentOptions } from '../transport/tls.js';
import { DEFAULT_TRANSPORT, Transport } from '../transport/transport.js';
import { loadReportOptions, ReportOptionError, type ReportOptions } from '../../reports/report-options.js';
import { checkReportDir, holdReportDir, ReportDirError, type HeldReportDir } from '../../reports/report-dir.js';
import { shardOnly, shardOperations, type Shard } from '../../reports/shard.js';
import { plannedTests } from '../run/planned-tests.js';
import { createProgress, type Terminal } from '../run/progress.js';
import { runSuitesWithVitest, type SuiteRun } from '../run/vitest-run.js';
import { preflight } from './preflight.js';
import { interruptOnSignals } from './interrupt.js';
import { sweepEarlierRuns, sweepFinishedRun, sweepInterruptedRun } from './sweeps.js';
import { reportAndVerdict, type RunSetup } from './verdict.js';
import type { SignalSource } from './signals.js';

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
  const reportOptions = reportOptionsOf(flags, io);
  if (typeof reportOptions === 'number') return reportOptions;
  const config = reportOptions.shard ? await shardConfig(parsed.config, reportOptions.shard, flags.quiet === true, io.out) : parsed.config;
  const mock = embeddedMockFlags(flags, config, io);
  if (typeof mock === 'number') return mock;
  if (reportDirOf(config, io, (dir) => checkReportDir(dir)) === 2) return 2;
  let target: ResolvedTarget;
  try {
    target = await resolveTarget(config, mockStartOptions(mock));
  } catch (error) {
    io.err(`ims-conformance run: ${(error as Error).message}`);
    return 2;
  }
  try {
    return await runAgainst(target, flags, reportOptions, mock, io);
  } finally {
    await target.stop();
  }
}

/**
 * The report directory: checked before anything starts, held just before the suites run (a file, or another live
 * run there, is one line and exit 2).
 */
function reportDirOf<T>(config: Config, io: Io, use: (dir: string, runId: string) => T): T | 2 {
  try {
    return use(config.reportDir, config.runId);
  } catch (error) {
    if (!(error instanceof ReportDirError)) throw error;
    io.err(`ims-conformance run: ${error.message}`);
    return 2;
  }
}

/** `--waivers`, `--baseline`, `--fail-on`, `--shard`, `--strict`, `--report`; a bad one is exit code 2. */
function reportOptionsOf(flags: ParsedFlags, io: Io): ReportOptions | number {
  try {
    return loadReportOptions(flags, io.env);
  } catch (error) {
    if (error instanceof ReportOptionError) {
      io.err(`ims-conformance run: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/** A shard runs the scenarios of its operations only: they become `--only` prefixes (within the user's own). */
async function shardConfig(config: Config, shard: Shard, quiet: boolean, out: (line: string) => void): Promise<Config> {
  const { operations } = await loadSpec(undefined, config.profile);
  const mine = shardOperations(
    operations.map((o) => o.operationId),
    shard,
  );
  if (!quiet) out(`shard ${shard.index}/${shard.count}: ${mine.length} of ${operations.length} operations (${mine.join(', ')})`);
  return { ...config, only: shardOnly(operations, shard, config.only) };
}

/** The run proper, once the target is up: probe it, run the suites, write the reports; resolves to the exit code. */
async function runAgainst(target: ResolvedTarget, flags: ParsedFlags, reportOptions: ReportOptions, mock: EmbeddedMockFlags, io: Io): Promise<number> {
  const config = target.config;
  const spec = await loadSpec(undefined, config.profile);
  if (!(await reachable(config, io))) return 2;
  const consoleOptions = { out: io.out, color: io.color && flags['no-color'] !== true, quiet: flags.quiet === true, verbose: flags.verbose === true };
  if (!consoleOptions.quiet) printHeader(target, spec, mock, io.out);
  if (flags.preflight === true && !(await preflight(config, spec, io, consoleOptions.quiet))) return 2;
  if (config.sweep) await sweepEarlierRuns(config, spec, io.out);
  const started = new Date();
  const planned = plannedTests(spec.operations, config.only);
  if (planned.size === 0) {
    io.err(`ims-conformance run: --only ${config.only.join(' --only ')} selects no test; \`ims-conformance list\` shows the result ids`);
    return 2;
  }
  const configFile = textFlag(flags, 'config') || io.env.IMS_CONFIG || undefined;
  const startedWith: RunSetup['started'] = {
    configFile: configFile ? resolve(configFile) : undefined,
    mock: {
      faults: mock.faults,
      ...(mock.variant ? { variant: mock.variant } : {}),
      ...(mock.appearDelay !== undefined ? { appearDelayMs: Number(mock.appearDelay) } : {}),
    },
  };
  const context: RunSetup = { target, spec, reportOptions, console: consoleOptions, err: io.err, started: startedWith };
  const reportDir = reportDirOf(config, io, holdReportDir);
  if (reportDir === 2) return 2;
  try {
    const run = await runSuites(context, planned, io, reportDir);
    return run === 'interrupted' ? 130 : reportAndVerdict(context, run, started);
  } finally {
    reportDir.release();
  }
}

/** Whether the target answers at all (any HTTP status will do), said on stderr when it does not. */
async function reachable(config: Config & { target: string }, io: Io): Promise<boolean> {
  const probe = new Transport({ ...DEFAULT_TRANSPORT, timeoutMs: Math.min(config.timeoutMs, 15_000) }, tlsAgentOptions(config.tls));
  const reached = await probe.send({ method: 'GET', url: `${config.target.replace(/\/+$/, '')}/`, headers: { accept: 'application/json' } });
  await probe.close();
  if (!reached.ok) io.err(`ims-conformance run: target ${config.target} is unreachable (${reached.error.message}); check --target and the network`);
  return reached.ok;
}

function printHeader(target: ResolvedTarget, spec: LoadedSpec, mock: EmbeddedMockFlags, out: (line: string) => void): void {
  const config = target.config;
  out(`ims-conformance — target ${config.target}${target.embedded ? describeEmbeddedMock(mock) : ''}`);
  out(`profile ${config.profile} · seed ${config.seed} · runs ${config.runs} · run id ${config.runId} · spec ${spec.version} (${spec.hash.slice(0, 12)})`);
}

/**
 * Runs the suite files with progress, then deletes what the run left. An interrupted run is cleaned up and
 * reports nothing.
 */
async function runSuites(context: RunSetup, planned: ReadonlyMap<string, number>, io: Io, reportDir: HeldReportDir): Promise<SuiteRun | 'interrupted'> {
  const { target, spec } = context;
  const config = target.config;
  const progress = createProgress({ ...context.console, tty: io.tty, planned });
  const leftHint = `images named and tagged ${config.runId} may be left on ${config.target}; \`ims-conformance run --sweep\` (with this config) deletes them`;
  const stop = interruptOnSignals(io, leftHint);
  // Marked at the first signal: a second one exits at once, and the partial allure-results must not pass for a report.
  stop?.signal.addEventListener('abort', () => reportDir.markInterrupted(String(stop.signal.reason)), { once: true });
  try {
    const run = await runSuitesWithVitest(config, spec, progress.listener, stop?.signal, target.embedded).finally(() => progress.finish());
    if (stop?.signal.aborted) {
      const clean = await sweepInterruptedRun(config, spec, io.out);
      if (!clean) io.err(`ims-conformance run: ${leftHint}`);
      io.err(`ims-conformance run: interrupted by ${String(stop.signal.reason)}; no reports were written (${reportDir.dir} is marked interrupted)`);
      return 'interrupted';
    }
    // What the suite files could not track (or still saw refuse deletion) goes by run id.
    if (!config.readOnly && !(await sweepFinishedRun(config, spec, context.console.quiet ? () => {} : io.out))) io.err(`ims-conformance run: ${leftHint}`);
    return run;
  } finally {
    stop?.dispose();
  }
}
