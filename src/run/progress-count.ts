import type { CollectedTest } from './outcome-collector.js';

/** One suite file so far; `collected` is its number of tests once vitest has loaded it. */
export interface SuiteTally {
  collected: number | undefined;
  passed: number;
  failed: number;
  skipped: number;
}

/** The counts the live view shows: tests done and failed, per suite file, and the tests under way. */
export class ProgressCount {
  done = 0;
  failed = 0;
  private readonly suites = new Map<string, SuiteTally>();
  private readonly running = new Map<string, { suite: string; name: string }>();
  private runList: string[] | undefined;

  /** `planned`: the tests each suite file is expected to declare, the total until vitest has loaded the file. */
  constructor(private readonly planned: ReadonlyMap<string, number> | undefined) {}

  tally(suite: string): SuiteTally {
    let t = this.suites.get(suite);
    if (!t) {
      t = { collected: undefined, passed: 0, failed: 0, skipped: 0 };
      this.suites.set(suite, t);
    }
    return t;
  }

  runStarts(list: string[]): void {
    this.runList = list;
    for (const name of list) this.tally(name);
  }

  testStarts(suite: string, name: string): void {
    this.running.set(`${suite}\u0000${name}`, { suite, name });
  }

  testEnds(test: CollectedTest): void {
    this.running.delete(`${test.suite}\u0000${test.name}`);
    this.done++;
    const t = this.tally(test.suite);
    if (test.state === 'failed') {
      this.failed++;
      t.failed++;
    } else if (test.state === 'skipped') t.skipped++;
    else t.passed++;
  }

  /** Tests done / total; the total is an estimate (`~`) while some suite file is not loaded yet. */
  total(): { count: number; estimated: boolean } {
    const names = this.runList ?? [...new Set([...(this.planned?.keys() ?? []), ...this.suites.keys()])];
    let count = 0;
    let estimated = this.runList === undefined;
    for (const name of names) {
      const collected = this.suites.get(name)?.collected;
      if (collected === undefined) estimated = true;
      count += collected ?? this.planned?.get(name) ?? 0;
    }
    return { count: Math.max(count, this.done), estimated };
  }

  counter(): string {
    const t = this.total();
    return t.count > 0 ? `${this.done}/${t.estimated ? '~' : ''}${t.count} tests` : `${this.done} tests`;
  }

  /** The test started last of those still running, as `suite › name`. */
  current(): string {
    const last = [...this.running.values()].at(-1);
    return last ? `${last.suite} › ${last.name}` : '';
  }
}
