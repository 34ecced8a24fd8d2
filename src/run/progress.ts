import type { CollectedTest, TestListener } from './outcome-collector.js';

/** The terminal stdout is, when it is one: the status line is redrawn in place on it. */
export interface Terminal {
  write(text: string): void;
  /** Current width; the status line is cut to fit so it never wraps. */
  columns(): number;
}

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

type Status = CollectedTest['state'];

const MARK: Record<Status, string> = { passed: '✔', failed: '✘', skipped: '–', pending: '…' };
const SGR = { green: '\x1b[32m', red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };
const MARK_COLOR: Record<Status, string> = { passed: SGR.green, failed: SGR.red, skipped: SGR.dim, pending: SGR.dim };
const CLEAR_LINE = '\r\x1b[2K';

/** 75 s → `1:15`, 3725 s → `1:02:05`. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
}

/** Cuts a line that may carry colour codes to `max` visible characters (the codes do not count). */
function cutPainted(text: string, max: number): string {
  const codes = /\x1b\[[0-9;]*m/g;
  if (text.replace(codes, '').length <= max) return text;
  let visible = 0;
  let out = '';
  for (let i = 0; i < text.length && visible < max - 1; i++) {
    const sgr = /^\x1b\[[0-9;]*m/.exec(text.slice(i));
    if (sgr) {
      out += sgr[0];
      i += sgr[0].length - 1;
      continue;
    }
    out += text[i];
    visible++;
  }
  return `${out}…${out.includes('\x1b[') ? SGR.reset : ''}`;
}

const cut = (text: string, max: number): string => (max <= 1 ? '' : text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Why a finished test failed or was skipped, in one line: the first failing/skipping check and its message. */
function reasonOf(test: CollectedTest): string {
  if (test.crash) return `harness error: ${test.crash.split('\n')[0]}`;
  const outcomes = test.meta?.outcomes ?? [];
  const wanted =
    test.state === 'failed'
      ? (outcomes.find((o) => o.status === 'failed') ?? outcomes.find((o) => o.status === 'error'))
      : outcomes.find((o) => o.status === 'skipped');
  return wanted ? `${wanted.checkId}: ${wanted.message.split('\n')[0]}` : '';
}

interface SuiteTally {
  collected: number | undefined;
  passed: number;
  failed: number;
  skipped: number;
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
  const tty = options.tty;
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${SGR.reset}` : text);
  const suites = new Map<string, SuiteTally>();
  const running = new Map<string, { suite: string; name: string }>();
  let runList: string[] | undefined;
  let done = 0;
  let failed = 0;
  let statusShown = false;
  let lastDraw = 0;
  let lastLine = started;
  let finished = false;
  const timers: NodeJS.Timeout[] = [];

  const tally = (suite: string): SuiteTally => {
    let t = suites.get(suite);
    if (!t) {
      t = { collected: undefined, passed: 0, failed: 0, skipped: 0 };
      suites.set(suite, t);
    }
    return t;
  };

  /** Tests done / total; the total is an estimate (`~`) while some suite file is not loaded yet. */
  const total = (): { count: number; estimated: boolean } => {
    const names = runList ?? [...new Set([...(options.planned?.keys() ?? []), ...suites.keys()])];
    let count = 0;
    let estimated = runList === undefined;
    for (const name of names) {
      const collected = suites.get(name)?.collected;
      if (collected === undefined) estimated = true;
      count += collected ?? options.planned?.get(name) ?? 0;
    }
    return { count: Math.max(count, done), estimated };
  };
  const counter = (): string => {
    const t = total();
    return t.count > 0 ? `${done}/${t.estimated ? '~' : ''}${t.count} tests` : `${done} tests`;
  };
  const failures = (): string => (failed > 0 ? paint(SGR.red, `${failed} failed`) : '0 failed');
  const current = (): string => {
    const last = [...running.values()].at(-1);
    return last ? `${last.suite} › ${last.name}` : '';
  };

  // ---- terminal: one status line ----
  const statusLine = (final: boolean): string => {
    const mark = !final ? '▸' : failed > 0 ? paint(SGR.red, MARK.failed) : paint(SGR.green, MARK.passed);
    const head = `${clock(now() - started)}  ${counter()}  `;
    if (final) return `${mark} ${head}${failures()}`;
    // What runs now gets the room the terminal has left; the colour codes take none.
    const room = Math.max(20, (tty?.columns() ?? 80) - 1) - `▸ ${head}${failed} failed  `.length;
    const doing = cut(current(), room);
    return `${mark} ${head}${failures()}${doing ? `  ${paint(SGR.dim, doing)}` : ''}`;
  };
  const draw = (force = false): void => {
    if (!tty || finished || options.quiet) return;
    const t = now();
    if (!force && t - lastDraw < 80) return;
    lastDraw = t;
    tty.write(`${CLEAR_LINE}${statusLine(false)}`);
    statusShown = true;
  };
  /** A line above the status line (or, without a terminal, just a line). */
  const line = (text: string): void => {
    if (tty && statusShown) tty.write(CLEAR_LINE);
    statusShown = false;
    options.out(text);
    lastLine = now();
    draw(true);
  };

  const testLine = (test: CollectedTest): string => {
    const reason = test.state === 'passed' ? '' : reasonOf(test);
    const duration = test.durationMs !== undefined && test.durationMs >= 1000 ? ` (${(test.durationMs / 1000).toFixed(1)} s)` : '';
    return `${paint(MARK_COLOR[test.state], MARK[test.state])} ${test.suite} › ${test.name}${duration}${reason ? `  — ${cut(reason, 200)}` : ''}`;
  };

  const onTest = (test: CollectedTest): void => {
    running.delete(`${test.suite}\u0000${test.name}`);
    done++;
    const t = tally(test.suite);
    if (test.state === 'failed') {
      failed++;
      t.failed++;
    } else if (test.state === 'skipped') t.skipped++;
    else t.passed++;
    // On a terminal each line is cut to its width, the status line below stays put; the summary has the details.
    if (options.verbose || (tty && test.state === 'failed')) line(tty ? cutPainted(testLine(test), tty.columns() - 1) : testLine(test));
    else draw();
  };

  const listener: TestListener = Object.assign(options.quiet ? () => {} : onTest, {
    onRunStart(list: string[]): void {
      if (options.quiet) return;
      runList = list;
      for (const name of list) tally(name);
      if (tty) draw(true);
      else line(`running ${list.length} suite files, ${counter().replace(/^0\//, '')}`);
    },
    onSuiteCollected(suite: string, tests: number): void {
      tally(suite).collected = tests;
      draw();
    },
    onTestStart(suite: string, name: string): void {
      running.set(`${suite}\u0000${name}`, { suite, name });
      draw();
    },
    onSuiteEnd(suite: string): void {
      if (options.quiet || tty) return;
      const t = tally(suite);
      const counts = [`${t.passed} passed`, ...(t.failed ? [`${t.failed} failed`] : []), ...(t.skipped ? [`${t.skipped} skipped`] : [])].join(', ');
      const n = t.passed + t.failed + t.skipped;
      line(
        `[${clock(now() - started)}] ${suite.padEnd(14)} ${String(n).padStart(3)} ${n === 1 ? 'test: ' : 'tests:'} ${counts}  ·  ${counter()} done, ${failures()} so far`,
      );
    },
  });

  if (!options.quiet) {
    if (tty) {
      const tick = setInterval(() => draw(true), options.tickMs ?? 1000);
      tick.unref();
      timers.push(tick);
    } else {
      const heartbeatMs = options.heartbeatMs ?? 30_000;
      const beat = setInterval(
        () => {
          if (now() - lastLine < heartbeatMs) return;
          const doing = current();
          line(`[${clock(now() - started)}] still running  ·  ${counter()} done, ${failures()} so far${doing ? `  ·  now ${cut(doing, 100)}` : ''}`);
        },
        Math.max(250, Math.floor(heartbeatMs / 4)),
      );
      beat.unref();
      timers.push(beat);
    }
  }

  return {
    listener,
    finish(): void {
      if (finished) return;
      for (const timer of timers) clearInterval(timer);
      if (tty && !options.quiet) tty.write(`${CLEAR_LINE}${statusLine(true)}\n`);
      finished = true;
      statusShown = false;
    },
  };
}
