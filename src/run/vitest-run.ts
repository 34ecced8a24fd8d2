import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import AllureVitestReporter from 'allure-vitest/reporter';
import { startVitest, type CliOptions, type Reporter } from 'vitest/node';
import type { Config } from '../config/config.js';
import { scrub, secretsOf } from '../config/redact.js';
import { ResultBook, errored } from '../model/outcome.js';
import { RunContext } from '../engine/run-context.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { packageRoot } from '../spec/package-root.js';
import { servePermits } from '../transport/permits.js';
import { OutcomeCollector, type CollectedTest } from './outcome-collector.js';
import type { TimedUnit } from './timed-units.js';
import { remoteWorkers, waitingFilesFirst } from './waiting-files-first.js';

const require = createRequire(import.meta.url);

/** Tests of one suite file under way at once; the permit server decides when their requests go. */
const TESTS_AT_ONCE = 256;

/** The number of suite files: more workers than files would idle. */
function suiteFiles(root: string): number {
  return Math.max(1, readdirSync(join(root, 'suites')).filter((f) => f.endsWith('.test.ts')).length);
}

/** Where a run's Allure results go: `<reportDir>/allure-results` (report.html is generated from them). */
export const allureResultsDir = (reportDir: string): string => join(resolve(reportDir), 'allure-results');

export interface SuiteRun {
  book: ResultBook;
  tests: CollectedTest[];
  /** Errors outside any test (a suite file that failed to load, say): the harness broke. */
  unhandled: string[];
  /** Each test's and each file cleanup's own timeline, for the run's timings. */
  units: TimedUnit[];
}

/** Allure's reporter; its environment.properties say what the run was, never a credential. */
function allureReporter(config: Config & { target: string }, resultsDir: string): Reporter {
  return new AllureVitestReporter({
    resultsDir,
    environmentInfo: {
      target: scrub(config.target, secretsOf(config)),
      profile: config.profile,
      seed: String(config.seed),
      runs: String(config.runs),
      runId: config.runId,
      ...(config.only.length > 0 ? { only: config.only.join(' ') } : {}),
      node: process.version,
    },
  });
}

/**
 * Ctrl-C: vitest stops starting tests; the caller then sweeps up what the cancelled ones created. Vitest's logger
 * exits the process on SIGINT/SIGTERM (it expects to own the terminal); when the caller handles the signals, those
 * listeners go, or the cleanup would never run. Call it before vitest starts: the listeners present now are ours.
 */
function cancelReporter(stop: AbortSignal | undefined): Reporter {
  const ours = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) };
  return {
    onInit: (v) => {
      if (stop)
        for (const signal of ['SIGINT', 'SIGTERM'] as const)
          for (const listener of process.listeners(signal)) if (!ours[signal].has(listener)) process.off(signal, listener);
      const stopNow = (): void => void v.cancelCurrentRun('keyboard-input');
      if (stop?.aborted) stopNow();
      else stop?.addEventListener('abort', stopNow, { once: true });
    },
  };
}

/**
 * How many tests and files run at once. `--concurrency` bounds the requests in flight at the target across all files
 * (the permit server), not the tests: a test waiting on a job holds no slot, so every test of a file may be under
 * way at once. Against a real target, whose answers and jobs take time, several files run at once, those that wait
 * on it first (waiting-files-first.ts): their waits then overlap instead of adding up. The embedded mock answers at
 * once and finishes jobs in 200 ms: there CPU bounds the run, and the files share vitest's default workers. A cap on
 * alive images holds within one process: with one, the suite files take turns and at most `--concurrency` tests run
 * at once.
 */
function parallelism(config: Config, spec: LoadedSpec, root: string, embedded: boolean): CliOptions {
  const capped = config.maxResources !== undefined;
  return {
    maxConcurrency: capped ? config.concurrency : TESTS_AT_ONCE,
    fileParallelism: !capped,
    ...(capped || embedded ? {} : { maxWorkers: Math.min(remoteWorkers(), suiteFiles(root)), sequence: { sequencer: waitingFilesFirst(spec, config.only) } }),
  };
}

interface VitestSetup {
  config: Config & { target: string };
  spec: LoadedSpec;
  root: string;
  embedded: boolean;
  reporters: Reporter[];
  /** What the suite files get from the run (define-suite.ts `inject`s it). */
  provide: CliOptions['provide'];
}

/** The vitest options of a run: the package's suites, no config file, the reporters given, the run's timeouts. */
function vitestOptions({ config, spec, root, embedded, reporters, provide }: VitestSetup): CliOptions {
  return {
    config: false,
    root,
    watch: false,
    reporters,
    // The reporter registers its setup file itself; naming it here keeps the run explicit (it is not added twice).
    setupFiles: [require.resolve('allure-vitest/setup')],
    include: ['suites/**/*.test.ts'],
    // Installed as a package the suites live under node_modules, which vitest excludes and externalizes by default.
    exclude: [],
    // In memory over vitest's worker channel: the tokens are never written anywhere.
    provide,
    // An Allure test plan (TestOps sets ALLURE_TESTPLAN_PATH in CI) would make allure-vitest skip every test it
    // does not list, silently dropping checks from the verdict: `--only` selects what runs, nothing else.
    env: { ALLURE_TESTPLAN_PATH: '' },
    ...parallelism(config, spec, root, embedded),
    // One worker serves several suite files: the files share no state but what is cached by key (the loaded
    // spec, compiled schemas), and isolating each in a fresh process re-did that start-up, about 1.5 CPU-seconds
    // per file — half the CPU of a default run.
    isolate: false,
    testTimeout: config.pollTimeoutMs * 3 + config.timeoutMs * 4 + 60_000,
    hookTimeout: config.pollTimeoutMs + config.timeoutMs * 4 + 60_000,
    passWithNoTests: true,
    silent: true,
    // The package's own files are inlined (installed, they live under node_modules, which vitest externalizes);
    // its dependencies stay external, as in any vitest project: inlined, Allure's runtime would be evaluated
    // again in every suite file (about a second of CPU per run).
    server: { deps: { inline: [new RegExp(`${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\/]node_modules[\\/])`)] } },
  };
}

/** Each test's outcomes, merged per (operation, check); a test that crashed counts as a harness error of its operation. */
function bookOf(tests: CollectedTest[], spec: LoadedSpec): ResultBook {
  const book = new ResultBook();
  const byId = new Map(spec.operations.map((op) => [op.operationId, op]));
  for (const test of tests) {
    const op = test.meta && byId.get(test.meta.operationId);
    if (op && test.meta) for (const outcome of test.meta.outcomes) book.record(op, outcome);
    else if (test.crash) {
      const first = spec.operations.find((o) => test.title.includes(o.operationId));
      if (first) book.record(first, errored('suite', `harness error: ${test.crash}`));
    }
  }
  return book;
}

/**
 * Runs the vitest suites in `suites/` against the resolved target. The config reaches the tests through vitest's
 * `provide`; each test's outcomes come back through the collector's `task.meta`, merged per (operation, check).
 */
export async function runSuitesWithVitest(
  config: Config & { target: string },
  spec: LoadedSpec,
  onTest?: (t: CollectedTest) => void,
  stop?: AbortSignal,
  embedded = false,
): Promise<SuiteRun> {
  const root = packageRoot();
  const collector = new OutcomeCollector(onTest);
  // Allure reads every file in its results folder: results of an earlier run in the same report dir would mix in.
  const resultsDir = allureResultsDir(config.reportDir);
  rmSync(resultsDir, { recursive: true, force: true });
  // Password principals sign in once here; every suite file (a process of its own) reuses the tokens.
  const signIn = new RunContext(config, spec);
  const tokens = await signIn.credentials.signInAll().finally(() => signIn.close());
  const permits = await servePermits(config.concurrency);
  const reporters = [collector, allureReporter(config, resultsDir), cancelReporter(stop)];
  const provide = { imsConfig: config, imsTokens: tokens, imsPermits: permits.path };
  try {
    const vitest = await startVitest('test', [], vitestOptions({ config, spec, root, embedded, reporters, provide }), {
      cacheDir: join(root, 'node_modules', '.vite-ims'),
    });
    await vitest.close();
  } finally {
    await permits.close();
  }
  const units = collector.tests.flatMap((t) => (t.meta?.timing ? [{ name: `${t.suite} › ${t.name}`, timing: t.meta.timing }] : []));
  return { book: bookOf(collector.tests, spec), tests: collector.tests, unhandled: collector.unhandled, units: [...units, ...collector.cleanups] };
}
