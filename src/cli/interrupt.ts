import { execFileSync } from 'node:child_process';
import { stopOnSignals, type SignalSource } from './signals.js';

/**
 * First Ctrl-C (or SIGTERM): stop starting tests, then delete what this run made. A second one: leave at once,
 * saying what may be left and how to remove it (`leftHint`). Without a signal source the run cannot be interrupted.
 */
export function interruptOnSignals(
  io: { err: (line: string) => void; signals?: SignalSource | undefined },
  leftHint: string,
): { signal: AbortSignal; dispose: () => void } | undefined {
  if (!io.signals) return undefined;
  const stop = stopOnSignals(
    io.signals,
    () => {
      io.err(`ims-conformance run: ${leftHint}`);
      killChildren();
      process.exit(130);
    },
    (text) => io.err(text.trimEnd()),
    'ims-conformance run:',
  );
  stop.signal.addEventListener(
    'abort',
    () => io.err(`ims-conformance run: ${String(stop.signal.reason)}: stopping; cleaning up what this run created (again to exit at once)`),
    { once: true },
  );
  return stop;
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
