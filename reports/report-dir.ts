import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { HTML_REPORT, ALLURE_RESULTS } from './write-html.js';

/** A report directory that cannot be used: one line naming it and why; the CLI prints it and exits 2. */
export class ReportDirError extends Error {}

/** Held while a run writes into a directory: which run, so a second one can name it. */
export const LOCK_FILE = '.ims-conformance.lock';
/** Left by a run stopped by Ctrl-C/SIGTERM: what is in the directory is partial. */
export const INTERRUPTED_FILE = 'INTERRUPTED';
/** Everything a run writes into its report directory, cleared before the next run writes: two runs never mix. */
export const RUN_OUTPUTS = ['summary.json', 'summary.md', 'junit.xml', HTML_REPORT, ALLURE_RESULTS, INTERRUPTED_FILE] as const;

interface LockInfo {
  pid: number;
  runId: string;
  startedAt: string;
}

/**
 * Checks, creating nothing, that the report directory can be one: a path that is (or runs through) a file is a
 * ReportDirError, never a stack trace. Run before anything starts, so a typo costs no run.
 */
export function checkReportDir(dir: string, flag = '--report-dir'): void {
  const out = resolve(dir);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new ReportDirError(`${flag} ${dir}: is a file, not a directory; give a directory for the reports`);
    return;
  }
  let up = dirname(out);
  while (!existsSync(up) && dirname(up) !== up) up = dirname(up);
  if (!statSync(up).isDirectory()) throw new ReportDirError(`${flag} ${dir}: a part of that path is a file, not a directory`);
}

/** The report directory, created when missing (after checkReportDir's checks). */
export function ensureReportDir(dir: string, flag = '--report-dir'): string {
  checkReportDir(dir, flag);
  const out = resolve(dir);
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new ReportDirError(`${flag} ${dir}: cannot create it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return out;
}

/** True while the process runs (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof value.pid === 'number' && typeof value.runId === 'string'
      ? { pid: value.pid, runId: value.runId, startedAt: String(value.startedAt ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A report directory this run holds: it writes there alone, and marks it when it is interrupted. */
export interface HeldReportDir {
  dir: string;
  /** Marks the directory as holding an interrupted run's partial results (`report` then wants `--force`). */
  markInterrupted: (reason: string) => void;
  release: () => void;
}

/**
 * Takes the report directory for one run: refuses while another live run holds it (its lock names the pid and run
 * id; a lock whose process is gone is taken over), then clears what an earlier run wrote there (RUN_OUTPUTS), so
 * its summary.json or allure-results never pass for, or mix with, this run's.
 */
export function holdReportDir(dir: string, runId: string, pid = process.pid): HeldReportDir {
  const out = ensureReportDir(dir);
  const lock = join(out, LOCK_FILE);
  const mine: LockInfo = { pid, runId, startedAt: new Date().toISOString() };
  for (;;) {
    try {
      writeFileSync(lock, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new ReportDirError(`--report-dir ${dir}: cannot write there (${(error as NodeJS.ErrnoException).code})`);
    }
    const other = readLock(lock);
    if (other && other.pid !== pid && alive(other.pid))
      throw new ReportDirError(
        `--report-dir ${dir}: run ${other.runId} (pid ${other.pid}) is writing there since ${other.startedAt}; wait for it to end or give another --report-dir`,
      );
    // Stale: its process is gone (killed, or a second Ctrl-C), or the lock is unreadable. Take it over.
    rmSync(lock, { force: true });
  }
  for (const name of RUN_OUTPUTS) rmSync(join(out, name), { recursive: true, force: true });
  return {
    dir: out,
    markInterrupted: (reason) =>
      writeFileSync(
        join(out, INTERRUPTED_FILE),
        `run ${runId} was interrupted (${reason}) at ${new Date().toISOString()}: what this directory holds is partial; run again (\`ims-conformance report --force\` builds from it anyway)\n`,
      ),
    release: () => {
      if (readLock(lock)?.pid === pid) rmSync(lock, { force: true });
    },
  };
}

/** The interrupted-run note of a report directory, or undefined when its run finished. */
export function interruptedNote(dir: string): string | undefined {
  const file = join(resolve(dir), INTERRUPTED_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
