import { describe, expect, it } from 'vitest';
import type { CollectedTest } from '../../src/run/outcome-collector.js';
import { OutcomeCollector, suiteName } from '../../src/run/outcome-collector.js';
import { clock, createProgress } from '../../src/run/progress.js';

const test = (suite: string, name: string, state: CollectedTest['state'], message = ''): CollectedTest => ({
  title: `${name.split(':')[0]} — GET /x (seed 1) > ${name}`,
  state,
  meta:
    state === 'passed'
      ? undefined
      : {
          operationId: name.split(':')[0] ?? '',
          outcomes: [{ checkId: 'status-expected', status: state === 'failed' ? 'failed' : 'skipped', message, findings: [], exchanges: [] }],
        },
  crash: undefined,
  suite,
  name,
  durationMs: 12,
});

/** A fake clock and a recorder for what the progress prints. */
function harness(tty: boolean, extra: { quiet?: boolean; verbose?: boolean } = {}) {
  let t = 0;
  const lines: string[] = [];
  const raw: string[] = [];
  const progress = createProgress({
    out: (line) => {
      lines.push(line);
      raw.push(`${line}\n`);
    },
    color: false,
    quiet: extra.quiet ?? false,
    verbose: extra.verbose ?? false,
    tty: tty ? { write: (text) => raw.push(text), columns: () => 100 } : undefined,
    planned: new Map([
      ['images', 2],
      ['authz', 1],
    ]),
    now: () => t,
    heartbeatMs: 60_000_000,
    tickMs: 60_000_000,
  });
  return { progress, lines, raw, advance: (ms: number) => (t += ms) };
}

/** Plays a small run: two suite files, three tests, one of them failing. */
function play(h: ReturnType<typeof harness>): void {
  const l = h.progress.listener;
  l.onRunStart?.(['images', 'authz']);
  l.onSuiteCollected?.('images', 2);
  h.advance(100);
  l.onTestStart?.('images', 'createImage: the documented request answers 201');
  h.advance(1_400);
  l(test('images', 'createImage: the documented request answers 201', 'failed', 'Expected 201; received 200.'));
  h.advance(100);
  l.onTestStart?.('images', 'showImage: the documented request answers 200');
  h.advance(100);
  l(test('images', 'showImage: the documented request answers 200', 'passed'));
  l.onSuiteEnd?.('images');
  l.onSuiteCollected?.('authz', 1);
  h.advance(100);
  l.onTestStart?.('authz', 'showImage: the owner’s private image → 404 for a stranger');
  h.advance(70_000);
  l(test('authz', 'showImage: the owner’s private image → 404 for a stranger', 'skipped', 'needs a second project'));
  l.onSuiteEnd?.('authz');
  h.progress.finish();
}

describe('live progress', () => {
  it('formats elapsed time as m:ss, h:mm:ss past an hour', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(75_400)).toBe('1:15');
    expect(clock(3_725_000)).toBe('1:02:05');
  });

  it('without a terminal: one line at the start and one per finished suite file, with counts and running totals', () => {
    const h = harness(false);
    play(h);
    expect(h.lines).toEqual([
      'running 2 suite files, ~3 tests',
      '[0:01] images           2 tests: 1 passed, 1 failed  ·  2/~3 tests done, 1 failed so far',
      '[1:11] authz            1 test:  0 passed, 1 skipped  ·  3/3 tests done, 1 failed so far',
    ]);
    expect(h.raw.join('')).not.toContain('\r');
  });

  it('without a terminal: a "still running" line after a quiet stretch, naming what runs', async () => {
    let t = 0;
    const lines: string[] = [];
    const progress = createProgress({ out: (l) => lines.push(l), color: false, quiet: false, verbose: false, now: () => t, heartbeatMs: 400 });
    progress.listener.onRunStart?.(['images']);
    progress.listener.onTestStart?.('images', 'createImage: the documented request answers 201');
    t = 95_000;
    await new Promise((resolve) => setTimeout(resolve, 300));
    progress.finish();
    expect(lines.at(-1)).toBe('[1:35] still running  ·  0 tests done, 0 failed so far  ·  now images › createImage: the documented request answers 201');
  });

  it('on a terminal: one status line redrawn in place, failures printed above it, a newline at the end', () => {
    const h = harness(true);
    play(h);
    const out = h.raw.join('');
    // Every redraw goes back to the line start and clears it; nothing else ends a line but the printed ones.
    const redraws = out.split('\r\x1b[2K').slice(1);
    expect(redraws.length).toBeGreaterThan(3);
    expect(out).toContain('▸ 0:00  0/~3 tests  0 failed');
    expect(out).toContain('▸ 0:00  0/~3 tests  0 failed  images › createImage: the documented request answers 201');
    expect(out).toContain('▸ 0:01  1/~3 tests  1 failed  images › showImage: the documented request answers 200');
    expect(out).toContain('▸ 0:01  2/3 tests  1 failed  authz › showImage: the owner’s private image → 404 for a stranger');
    expect(out).toMatch(/\r\x1b\[2K✘ images › createImage: the documented request answers 201 {2}— status-expected: Expected 201; rec[^\n]*…\n/);
    expect(out.endsWith('\r\x1b[2K✘ 1:11  3/3 tests  1 failed\n')).toBe(true);
    // Passed and skipped tests are not printed one by one without --verbose.
    expect(h.lines).toHaveLength(1);
    expect(h.lines[0]).toHaveLength(99);
    // Nothing printed on a terminal is wider than it: no line wraps, so the redraw never leaves debris.
    for (const frame of redraws) expect(frame.replace(/\n$/, '').length).toBeLessThan(100);
  });

  it('--verbose: one line per test, with the reason for failures and skips', () => {
    const h = harness(false, { verbose: true });
    play(h);
    expect(h.lines.filter((l) => /^[✔✘–] /.test(l))).toEqual([
      '✘ images › createImage: the documented request answers 201  — status-expected: Expected 201; received 200.',
      '✔ images › showImage: the documented request answers 200',
      '– authz › showImage: the owner’s private image → 404 for a stranger  — status-expected: needs a second project',
    ]);
  });

  it('--quiet: nothing at all, on a terminal or not', () => {
    for (const tty of [true, false]) {
      const h = harness(tty, { quiet: true });
      play(h);
      expect(h.raw).toEqual([]);
    }
  });

  it('the collector passes vitest events on to a listener carrying RunEvents', () => {
    const seen: string[] = [];
    const listener = Object.assign((t: CollectedTest) => seen.push(`done ${t.suite} ${t.name} ${t.state}`), {
      onRunStart: (suites: string[]) => seen.push(`start ${suites.join(',')}`),
      onSuiteCollected: (suite: string, n: number) => seen.push(`collected ${suite} ${n}`),
      onTestStart: (suite: string, name: string) => seen.push(`test ${suite} ${name}`),
      onSuiteEnd: (suite: string) => seen.push(`end ${suite}`),
    });
    const collector = new OutcomeCollector(listener);
    const module = {
      moduleId: '/pkg/suites/images.test.ts',
      meta: () => ({}),
      children: {
        allTests: function* () {
          yield {};
          yield {};
        },
      },
    };
    const testCase = {
      module,
      name: 'showImage: x',
      fullName: 'showImage — GET > showImage: x',
      result: () => ({ state: 'passed' }),
      meta: () => ({}),
      diagnostic: () => ({ duration: 5 }),
    };
    collector.onTestRunStart([{ moduleId: '/pkg/suites/images.test.ts' }, { moduleId: '/pkg/suites/authz.test.ts' }] as never);
    collector.onTestModuleCollected(module as never);
    collector.onTestCaseReady(testCase as never);
    collector.onTestCaseResult(testCase as never);
    collector.onTestModuleEnd(module as never);
    expect(seen).toEqual(['start images,authz', 'collected images 2', 'test images showImage: x', 'done images showImage: x passed', 'end images']);
    expect(collector.tests[0]?.durationMs).toBe(5);
    expect(suiteName('C:\\x\\suites\\deprecated-v1.test.ts'.replace(/\\/g, '/'))).toBe('deprecated-v1');
  });
});
