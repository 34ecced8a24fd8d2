import type { CollectedTest } from './outcome-collector.js';
import { type Paint, SGR } from './paint.js';
import type { ProgressCount } from './progress-count.js';

type Status = CollectedTest['state'];

const MARK: Record<Status, string> = { passed: '✔', failed: '✘', skipped: '–', pending: '…' };
const MARK_COLOR: Record<Status, string> = { passed: SGR.green, failed: SGR.red, skipped: SGR.dim, pending: SGR.dim };

/** 75 s → `1:15`, 3725 s → `1:02:05`. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
}

/** Cuts a line that may carry colour codes to `max` visible characters (the codes do not count). */
export function cutPainted(text: string, max: number): string {
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

/** A finished test: its mark, name, duration when it took a second or more, and why it did not pass. */
export function testLine(test: CollectedTest, paint: Paint): string {
  const reason = test.state === 'passed' ? '' : reasonOf(test);
  const duration = test.durationMs !== undefined && test.durationMs >= 1000 ? ` (${(test.durationMs / 1000).toFixed(1)} s)` : '';
  return `${paint(MARK_COLOR[test.state], MARK[test.state])} ${test.suite} › ${test.name}${duration}${reason ? `  — ${cut(reason, 200)}` : ''}`;
}

const failures = (count: ProgressCount, paint: Paint): string => (count.failed > 0 ? paint(SGR.red, `${count.failed} failed`) : '0 failed');

/** The terminal's status line: time, tests done / total, failures, and (while running) what runs now. */
export function statusLine(count: ProgressCount, elapsedMs: number, paint: Paint, final: boolean, columns: () => number): string {
  const mark = !final ? '▸' : count.failed > 0 ? paint(SGR.red, MARK.failed) : paint(SGR.green, MARK.passed);
  const head = `${clock(elapsedMs)}  ${count.counter()}  `;
  if (final) return `${mark} ${head}${failures(count, paint)}`;
  // What runs now gets the room the terminal has left; the colour codes take none.
  const room = Math.max(20, columns() - 1) - `▸ ${head}${count.failed} failed  `.length;
  const doing = cut(count.current(), room);
  return `${mark} ${head}${failures(count, paint)}${doing ? `  ${paint(SGR.dim, doing)}` : ''}`;
}

/** A log's line for a finished suite file: its counts, then the run's so far. */
export function suiteEndLine(suite: string, elapsedMs: number, count: ProgressCount, paint: Paint): string {
  const t = count.tally(suite);
  const counts = [`${t.passed} passed`, ...(t.failed ? [`${t.failed} failed`] : []), ...(t.skipped ? [`${t.skipped} skipped`] : [])].join(', ');
  const n = t.passed + t.failed + t.skipped;
  return `[${clock(elapsedMs)}] ${suite.padEnd(14)} ${String(n).padStart(3)} ${n === 1 ? 'test: ' : 'tests:'} ${counts}  ·  ${count.counter()} done, ${failures(count, paint)} so far`;
}

/** A log's line after a while without one: the run is alive, how far it is, and what runs now. */
export function heartbeatLine(elapsedMs: number, count: ProgressCount, paint: Paint): string {
  const doing = count.current();
  return `[${clock(elapsedMs)}] still running  ·  ${count.counter()} done, ${failures(count, paint)} so far${doing ? `  ·  now ${cut(doing, 100)}` : ''}`;
}
