import type { TestListener } from './outcome-collector.js';
import { ProgressCount } from './progress-count.js';
import { ProgressScreen, type Terminal } from './progress-screen.js';
import { type Paint, painter } from './paint.js';
import { cutPainted, heartbeatLine, statusLine, suiteEndLine, testLine } from './progress-text.js';

export type { Terminal } from './progress-screen.js';
export { clock } from './progress-text.js';

export interface ProgressOptions {
  out: (line: string) => void;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Set when stdout is a terminal: one status line redrawn in place. Otherwise compact lines for logs. */
  tty?: Terminal | undefined;
  /** Tests each suite file is expected to declare (`plannedTests`), the total until vitest has loaded the file. */
  planned?: ReadonlyMap<string, number> | undefined;
  /** Without a terminal: a "still running" line after this long without output (30 s). */
  heartbeatMs?: number;
  /** With a terminal: how often the status line is redrawn to advance the clock (1 s). */
  tickMs?: number;
  now?: () => number;
}

export interface Progress {
  /** Hand this to the runner: it hears every finished test and, through its properties, starts and totals. */
  listener: TestListener;
  /** Stops the clock and ends the status line with a newline; call it before printing anything else. */
  finish(): void;
}

/** What the listener and the timers share: the counts, where they are shown, and how. */
interface View {
  options: ProgressOptions;
  count: ProgressCount;
  screen: ProgressScreen;
  paint: Paint;
  now: () => number;
  elapsedMs: () => number;
}

/** A finished test: counted; printed when verbose or, on a terminal, when it failed; else the status line moves. */
function onTest({ options, count, screen, paint }: View): TestListener {
  const tty = options.tty;
  return (test) => {
    count.testEnds(test);
    // On a terminal each line is cut to its width, the status line below stays put; the summary has the details.
    if (options.verbose || (tty && test.state === 'failed')) screen.line(tty ? cutPainted(testLine(test, paint), tty.columns() - 1) : testLine(test, paint));
    else screen.draw();
  };
}

function listenerOf(view: View): TestListener {
  const { options, count, screen, paint, elapsedMs } = view;
  return Object.assign(options.quiet ? () => {} : onTest(view), {
    onRunStart(list: string[]): void {
      if (options.quiet) return;
      count.runStarts(list);
      if (options.tty) screen.draw(true);
      else screen.line(`running ${list.length} suite files, ${count.counter().replace(/^0\//, '')}`);
    },
    onSuiteCollected(suite: string, tests: number): void {
      count.tally(suite).collected = tests;
      screen.draw();
    },
    onTestStart(suite: string, name: string): void {
      count.testStarts(suite, name);
      screen.draw();
    },
    onSuiteEnd(suite: string): void {
      if (options.quiet || options.tty) return;
      screen.line(suiteEndLine(suite, elapsedMs(), count, paint));
    },
  });
}

/** On a terminal the clock on the status line advances; in a log a line says the run is alive after a silence. */
function keepTime({ options, count, screen, paint, now, elapsedMs }: View): void {
  if (options.tty) {
    screen.every(options.tickMs ?? 1000, () => screen.draw(true));
    return;
  }
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  screen.every(Math.max(250, Math.floor(heartbeatMs / 4)), () => {
    if (now() - screen.lastLine < heartbeatMs) return;
    screen.line(heartbeatLine(elapsedMs(), count, paint));
  });
}

/**
 * The live view of a run. On a terminal: one status line (elapsed time, tests done / total, failures so far,
 * the suite and operation being checked) redrawn in place, with failures (or, `--verbose`, every test) printed
 * above it. In a log: one line per finished suite file with its counts and the running totals, and a "still
 * running" line when nothing was printed for a while — tens of lines for a whole run. `--quiet`: nothing.
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const elapsedMs = (): number => now() - started;
  const paint = painter(options.color);
  const count = new ProgressCount(options.planned);
  const status = (final: boolean): string => statusLine(count, elapsedMs(), paint, final, () => options.tty?.columns() ?? 80);
  const screen = new ProgressScreen({ out: options.out, quiet: options.quiet, tty: options.tty, now, started }, status);
  const view: View = { options, count, screen, paint, now, elapsedMs };
  const listener = listenerOf(view);
  if (!options.quiet) keepTime(view);
  return { listener, finish: () => screen.end() };
}
