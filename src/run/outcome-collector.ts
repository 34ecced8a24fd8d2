import type { Reporter, TestCase } from 'vitest/node';
import type { OutcomeMeta } from '../suite/outcome-meta.js';
import '../suite/outcome-meta.js';

export interface CollectedTest {
  title: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  meta: OutcomeMeta | undefined;
  /** The error vitest saw when a test failed without outcomes (a crash inside the suite). */
  crash: string | undefined;
}

/** A vitest reporter that keeps each suite test's check outcomes and tells the CLI as they arrive. */
export class OutcomeCollector implements Reporter {
  readonly tests: CollectedTest[] = [];
  readonly unhandled: string[] = [];

  constructor(private readonly onTest?: (test: CollectedTest) => void) {}

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const meta = testCase.meta().ims;
    const crash = result.state === 'failed' && !meta ? result.errors?.map((e) => e.message).join('\n') : undefined;
    const test: CollectedTest = { title: testCase.fullName, state: result.state, meta, crash };
    this.tests.push(test);
    this.onTest?.(test);
  }

  onTestRunEnd(_modules: unknown, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    this.unhandled.push(...unhandledErrors.map((e) => e.message ?? String(e)));
  }
}
