import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { seededRandom } from '../../src/model/seeded-random.js';
import { startMock, type RunningMock, type StartMockOptions } from '../../mock/start-mock.js';
import { MOCK_VARIANTS } from '../../mock/variant.js';
import { runIdOf } from '../../src/engine/sweep.js';
import { packageRoot } from '../../src/spec/package-root.js';
import { cli } from '../support/run-cli.js';

/**
 * A guest cleans up even when stopped halfway: the built CLI runs against a mock, gets SIGINT at points drawn
 * from a seeded generator, and the mock is then searched for any image a run of the suite made. There must be none,
 * on every personality of the mock, and when created images (Nova snapshots, job images) appear only late.
 */

/**
 * The mock modes to clean up after: every personality, with created images appearing late (the harder case:
 * cleanup must wait for images it has not seen yet; images visible at once are test/engine/leftover-images.test.ts).
 */
const MODES: { name: string; mock: StartMockOptions }[] = MOCK_VARIANTS.map((variant) => ({
  name: `${variant} mock, images appearing 300 ms late`,
  mock: { variant, jobDelayMs: 20, appearDelayMs: 300 },
}));

/** Images the mock holds that a run of the suite made (named or tagged with a run id), once late ones could have appeared. */
async function leftoversOn(mock: RunningMock): Promise<string[]> {
  await new Promise((r) => setTimeout(r, mock.state.options.appearDelayMs + mock.state.options.jobDelayMs + 100));
  return mock.state.images
    .list()
    .filter((i) => runIdOf(i) !== undefined || i.createdBy !== null)
    .map((i) => `${i.id} ${i.name} ${i.status}`);
}

interface Stopped {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the first signal to the exit (0 when none was sent). */
  exitMs: number;
  /** From the start to the exit. */
  ms: number;
}

/** A progress line of a run in a log: one per finished suite file. */
const PROGRESS_LINE = /^\[\d+:\d\d\] /gm;

/**
 * Starts a run and sends SIGINT once `afterFiles` suite files have finished (and again `againMs` later when
 * given); without `afterFiles` the run is left to finish. Counted in suite files, not milliseconds: the run is
 * stopped at the same point of its work on a fast machine and on a slow one, and always while files still run.
 */
function interruptedRun(args: string[], afterFiles?: number, againMs?: number): Promise<Stopped> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, 'run', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (afterFiles === undefined || signalledAt || (stdout.match(PROGRESS_LINE)?.length ?? 0) < afterFiles) return;
      signalledAt = Date.now();
      child.kill('SIGINT');
      if (againMs !== undefined) setTimeout(() => child.kill('SIGINT'), againMs);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr, exitMs: signalledAt ? Date.now() - signalledAt : 0, ms: Date.now() - started }));
  });
}

/** The run every interrupt case starts: a fixed seed, few examples, a short poll bound. */
const runArgs = (target: string, configFile: string, tmp: string): string[] => [
  '--target',
  target,
  '--config',
  configFile,
  '--report-dir',
  join(tmp, 'report'),
  '--seed',
  '7',
  '--runs',
  '3',
  '--poll-timeout',
  '5000',
];

describe('Ctrl-C during a run', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ims-interrupt-'));
  const configFile = join(tmp, 'mock.yaml');
  let mock: RunningMock;
  const leftovers = (): string[] =>
    mock.state.images
      .list()
      .filter((i) => runIdOf(i) !== undefined)
      .map((i) => `${i.id} ${i.name}`);
  const args = (): string[] => runArgs(mock.url, configFile, tmp);

  beforeAll(async () => {
    mock = await startMock({ jobDelayMs: 20 });
    writeFileSync(configFile, stringify(mock.config));
  });
  afterAll(async () => {
    await mock?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a second Ctrl-C leaves at once, saying what may be left and how to remove it; --sweep then removes it', async () => {
    const stopped = await interruptedRun(args(), 1, 50);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/second SIGINT: exiting without waiting/);
    // At once: without the cleanup the first Ctrl-C started (that would print its tally).
    expect(stopped.stdout).not.toMatch(/cleanup of run/);
    expect(stopped.stderr).toMatch(/images named and tagged imsc-[0-9a-f]{8} may be left on .*`ims-conformance run --sweep`/);
    // An image an earlier run left behind (its workers may still be finishing theirs): the count sees it.
    const planted = await fetch(`${mock.url}/v2/images`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': mock.config.principals.owner?.token ?? '' },
      body: JSON.stringify({ name: 'imsc-0badc0de-left-behind', tags: ['imsc-0badc0de'], disk_format: 'qcow2', container_format: 'bare' }),
    });
    expect(planted.status).toBe(201);
    expect(leftovers().length).toBeGreaterThan(0);
    const swept = await interruptedRun([...args(), '--sweep', '--only', 'listVersions/']);
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toMatch(/sweep of earlier runs: deleted \d+ image/);
    expect(leftovers()).toEqual([]);
    // At once, measured on this machine: leaving took less than the smallest run takes to start and end.
    expect(stopped.exitMs).toBeLessThan(swept.ms);
  }, 180_000);

  it('--sweep never touches an image the suite did not tag', async () => {
    const foreign = mock.state.images
      .list()
      .filter((i) => runIdOf(i) === undefined)
      .map((i) => i.id);
    expect(foreign.length).toBeGreaterThan(0);
    const swept = await interruptedRun([...args(), '--sweep', '--only', 'listVersions/']);
    expect(swept.code).toBe(0);
    expect(mock.state.images.list().map((i) => i.id)).toEqual(expect.arrayContaining(foreign));
  }, 120_000);
});

// Seeded, so the interruption points are the same on every run of this test: after how many finished suite files,
// within the first half of the run (later points would only make each run longer: the files still running are
// what is cut short either way).
const SUITE_FILES = readdirSync(join(packageRoot(), 'suites')).filter((f) => f.endsWith('.test.ts')).length;
const random = seededRandom(20261122);
// One point per mode: each is a near-whole run of the suite (the first file to finish does so late, as every file
// runs at once), so more points cost a run's CPU each and cover the same cleanup paths.
const pointsOf = MODES.map((mode) => ({ mode, points: [1 + Math.floor((random() * SUITE_FILES) / 2)] }));

/** A mock of its own for one run, so runs side by side never see each other's images; closed after `use`. */
async function withMock<T>(options: StartMockOptions, use: (mock: RunningMock, args: string[]) => Promise<T>): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'ims-interrupt-mode-'));
  const mock = await startMock(options);
  try {
    const configFile = join(tmp, 'mock.yaml');
    writeFileSync(configFile, stringify(mock.config));
    return await use(mock, runArgs(mock.url, configFile, tmp));
  } finally {
    await mock.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Every run has its own mock, so the runs go side by side (they mostly wait on the mock's jobs and on cleanup).
describe.concurrent.each(pointsOf)('Ctrl-C during a run against the $mode.name', ({ mode, points }) => {
  it.each(points)('stopped after %i finished suite files: exits 130 after deleting every image it created, and writes no report', (afterFiles) =>
    withMock(mode.mock, async (mock, args) => {
      const stopped = await interruptedRun(args, afterFiles);
      expect(await leftoversOn(mock), stopped.stderr).toEqual([]);
      if (stopped.code === 130) {
        expect(stopped.stderr).toMatch(/SIGINT: stopping; cleaning up/);
        expect(stopped.stdout).toMatch(/cleanup of run imsc-[0-9a-f]{8}: deleted \d+ image/);
        expect(stopped.stderr).toMatch(/interrupted by SIGINT; no reports were written/);
      } else {
        // Only when the files still running all ended before the signal came (they can finish together) may the
        // run end as a finished one would.
        expect(stopped.code, stopped.stderr).toBeLessThanOrEqual(1);
        expect(stopped.stdout.match(PROGRESS_LINE)?.length, `exit ${stopped.code} with suite files still running`).toBe(SUITE_FILES);
      }
    }),
  );

  // Finished runs in every mode are the engine's test (test/engine/leftover-images.test.ts); the CLI's (its final
  // look by run id included) is shown once, where images appear late.
  it.runIf(mode.mock.appearDelayMs && mode.mock.variant === 'default')('a run that finishes leaves none of its images, late ones included', () =>
    withMock(mode.mock, async (mock, args) => {
      const only = ['createServerImage/', 'createCloudImage/', 'quickImportCloudImage/', 'createDataImage/', 'createWholeImage/', 'createImage/'].flatMap(
        (o) => ['--only', o],
      );
      const finished = await interruptedRun([...args, ...only]);
      expect(finished.code, finished.stderr).toBeLessThanOrEqual(1);
      expect(finished.stderr).not.toMatch(/may be left/);
      expect(await leftoversOn(mock)).toEqual([]);
      // It did make images of each kind: the store remembers them, deleted.
      const made = mock.state.images.listIncludingDeleted().filter((i) => runIdOf(i) !== undefined);
      expect(made.some((i) => i.extra.image_type === 'snapshot')).toBe(true);
      expect(made.some((i) => i.name.endsWith('-quick'))).toBe(true);
    }),
  );
});
