/** The terminal stdout is, when it is one: the status line is redrawn in place on it. */
export interface Terminal {
  write(text: string): void;
  /** Current width; the status line is cut to fit so it never wraps. */
  columns(): number;
}

export interface ScreenOptions {
  out: (line: string) => void;
  quiet: boolean;
  tty?: Terminal | undefined;
  now: () => number;
  /** When the run started: the heartbeat counts the silence from here until the first line. */
  started: number;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * Where the live view writes. On a terminal: a status line redrawn in place, lines printed above it, and the final
 * status line when the screen ends. Elsewhere: lines only.
 */
export class ProgressScreen {
  /** When the last line was printed: the heartbeat speaks up after a silence. */
  lastLine: number;
  private statusShown = false;
  private lastDraw = 0;
  private finished = false;
  private readonly timers: NodeJS.Timeout[] = [];

  /** `status(final)` is the status line as it stands. */
  constructor(
    private readonly options: ScreenOptions,
    private readonly status: (final: boolean) => string,
  ) {
    this.lastLine = options.started;
  }

  /** Redraws the status line; unforced, at most every 80 ms, so a burst of finished tests does not flood the terminal. */
  draw(force = false): void {
    const { tty, quiet, now } = this.options;
    if (!tty || this.finished || quiet) return;
    const t = now();
    if (!force && t - this.lastDraw < 80) return;
    this.lastDraw = t;
    tty.write(`${CLEAR_LINE}${this.status(false)}`);
    this.statusShown = true;
  }

  /** A line above the status line (or, without a terminal, just a line). */
  line(text: string): void {
    if (this.options.tty && this.statusShown) this.options.tty.write(CLEAR_LINE);
    this.statusShown = false;
    this.options.out(text);
    this.lastLine = this.options.now();
    this.draw(true);
  }

  /** Runs `job` every `ms` until the screen ends; the timer keeps no process alive. */
  every(ms: number, job: () => void): void {
    const timer = setInterval(job, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Stops the timers and ends the status line with a newline; later calls do nothing. */
  end(): void {
    if (this.finished) return;
    for (const timer of this.timers) clearInterval(timer);
    if (this.options.tty && !this.options.quiet) this.options.tty.write(`${CLEAR_LINE}${this.status(true)}\n`);
    this.finished = true;
    this.statusShown = false;
  }
}
