import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_FILE, LOCK_FILE } from '../../reports/report-dir.js';
import { cli, imsConformance } from '../support/run-cli.js';
import { report, result } from '../reports/fixtures.js';

/**
 * A report directory belongs to one run at a time: a file is refused in one line, a second run waits for no one
 * (refused, naming the first), an interrupted run's partial results are marked, and a new run starts clean.
 */
const tmp = mkdtempSync(join(tmpdir(), 'ims-report-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A process that lives while the test needs it: the "other run" holding a lock. */
function sleeper(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
  return { pid: child.pid as number, stop: () => child.kill() };
}

/** A pid no process has: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid as number;
}

const SMALL = ['--seed', '3', '--runs', '1', '--only', 'listImages/status-expected'];

describe.concurrent('ims-conformance run --report-dir (built CLI, embedded mock)', () => {
  it('a --report-dir naming a file is one line and exit 2, no stack trace', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a directory');
    const run = await imsConformance(['run', '--report-dir', file, ...SMALL]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`ims-conformance run: --report-dir ${file}: is a file, not a directory; give a directory for the reports`]);
    const under = await imsConformance(['run', '--report-dir', join(file, 'reports'), ...SMALL]);
    expect(under.code).toBe(2);
    expect(under.stderr.trim().split('\n')).toEqual([
      `ims-conformance run: --report-dir ${join(file, 'reports')}: a part of that path is a file, not a directory`,
    ]);
  });

  it('a second run into a directory another live run holds is refused in one line naming its pid and run id, exit 2; its outputs are untouched', async () => {
    const dir = join(tmp, 'held');
    mkdirSync(join(dir, 'allure-results'), { recursive: true });
    writeFileSync(join(dir, 'allure-results', 'theirs-result.json'), '{}');
    const other = sleeper();
    try {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, runId: 'imsc-0ther000', startedAt: '2026-12-08T01:00:00.000Z' }));
      const run = await imsConformance(['run', '--report-dir', dir, ...SMALL]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        `ims-conformance run: --report-dir ${dir}: run imsc-0ther000 (pid ${other.pid}) is writing there since 2026-12-08T01:00:00.000Z; wait for it to end or give another --report-dir`,
      ]);
      expect(existsSync(join(dir, 'allure-results', 'theirs-result.json'))).toBe(true);
    } finally {
      other.stop();
    }
  });

  it('a stale lock of a dead process is taken over; the run clears what an earlier run left (allure-results, summary, the interrupted mark) and releases its lock', async () => {
    const dir = join(tmp, 'stale');
    mkdirSync(join(dir, 'allure-results'), { recursive: true });
    writeFileSync(join(dir, 'allure-results', 'earlier-run-result.json'), '{}');
    writeFileSync(join(dir, 'summary.json'), '{"earlier": true}');
    writeFileSync(join(dir, INTERRUPTED_FILE), 'run imsc-earlier0 was interrupted');
    writeFileSync(join(dir, 'notes.txt'), 'the user’s own file');
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), runId: 'imsc-dead0000', startedAt: '2026-12-08T01:00:00.000Z' }));
    const run = await imsConformance(['run', '--report-dir', dir, ...SMALL]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(readdirSync(join(dir, 'allure-results'))).not.toContain('earlier-run-result.json');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { earlier?: boolean; green?: boolean };
    expect(summary.earlier).toBeUndefined();
    // It exited 0: the next night may take it as its baseline.
    expect(summary.green).toBe(true);
    expect(existsSync(join(dir, INTERRUPTED_FILE))).toBe(false);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('the user’s own file');
  });

  it('Ctrl-C marks the directory interrupted; `report DIR` then refuses in one line (exit 2) until --force', async () => {
    const dir = join(tmp, 'interrupted');
    const stopped = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'run', '--report-dir', dir, '--seed', '3', '--runs', '1'], {
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let sent = false;
      // After the first suite file finished: the suites are under way, allure-results partly written.
      child.stdout.on('data', (d: Buffer) => {
        if (!sent && /^\[\d+:\d\d\] /m.test(d.toString())) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(readFileSync(join(dir, INTERRUPTED_FILE), 'utf8')).toMatch(
      /^run imsc-[0-9a-f]{8} was interrupted \(SIGINT\) at .*: what this directory holds is partial/,
    );
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // Even with a summary.json in it (an earlier version's, or copied in), an interrupted directory is not a report.
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(report([result('listImages/pagination', 'passed')])));
    const refused = await imsConformance(['report', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^ims-conformance report: .*interrupted: run imsc-[0-9a-f]{8} was interrupted \(SIGINT\)/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    const forced = await imsConformance(['report', dir, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
  }, 300_000);
});
