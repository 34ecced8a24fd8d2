import { basename } from 'node:path';
import type { Reporter, TestCase, TestModule, TestSpecification } from 'vitest/node';
import type { OutcomeMeta } from '../suite/outcome-meta.js';
import type { TimedUnit } from './timed-units.js';
import '../suite/outcome-meta.js';

export interface CollectedTest {
  title: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  meta: OutcomeMeta | undefined;
  /** The error vitest saw when a test failed without outcomes (a crash inside the suite). */
  crash: string | undefined;
  /** The suite file it ran in, without folder and `.test.ts` (`images`, `authz`). */
  suite: string;
  /** The test's own name: the scenario title (`deleteImage: unknown id → 404`). */
  name: string;
  durationMs: number | undefined;
}

/**
 * What a run tells its watchers besides finished tests: the suite files it will run, the tests each file
 * declares once loaded, each test as it starts, and each file as it ends. All optional.
 */
export interface RunEvents {
  onRunStart?(suites: string[]): void;
  onSuiteCollected?(suite: string, tests: number): void;
  onTestStart?(suite: string, name: string): void;
  onSuiteEnd?(suite: string): void;
}

/**
 * The listener the collector calls for each finished test; it may carry RunEvents handlers as properties, so
 * the progress display hears about starts and totals through the same one-argument channel the runner passes on.
 */
export type TestListener = ((test: CollectedTest) => void) & RunEvents;

/** `/…/suites/images.test.ts` → `images`. */
export const suiteName = (moduleId: string): string => basename(moduleId).replace(/\.test\.[cm]?[jt]s$/, '');

/** A vitest reporter that keeps each suite test's check outcomes and tells the CLI as they arrive. */
export class OutcomeCollector implements Reporter {
  readonly tests: CollectedTest[] = [];
  readonly unhandled: string[] = [];
  /** What each suite file's final cleanup took (its own unit of the run's timeline). */
  readonly cleanups: TimedUnit[] = [];
  private readonly events: RunEvents;

  constructor(private readonly onTest?: (test: CollectedTest) => void) {
    this.events = (onTest as TestListener | undefined) ?? {};
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.events.onRunStart?.(specifications.map((s) => suiteName(s.moduleId)));
  }

  onTestModuleCollected(testModule: TestModule): void {
    this.events.onSuiteCollected?.(suiteName(testModule.moduleId), [...testModule.children.allTests()].length);
  }

  onTestCaseReady(testCase: TestCase): void {
    this.events.onTestStart?.(suiteName(testCase.module.moduleId), testCase.name);
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const meta = testCase.meta().ims;
    const crash = result.state === 'failed' && !meta ? result.errors?.map((e) => e.message).join('\n') : undefined;
    const test: CollectedTest = {
      title: testCase.fullName,
      state: result.state,
      meta,
      crash,
      suite: suiteName(testCase.module.moduleId),
      name: testCase.name,
      durationMs: testCase.diagnostic()?.duration,
    };
    this.tests.push(test);
    this.onTest?.(test);
  }

  onTestModuleEnd(testModule: TestModule): void {
    const cleanup = testModule.meta().imsCleanup;
    if (cleanup) this.cleanups.push({ name: `${suiteName(testModule.moduleId)} › final cleanup`, timing: cleanup });
    this.events.onSuiteEnd?.(suiteName(testModule.moduleId));
  }

  onTestRunEnd(_modules: unknown, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    this.unhandled.push(...unhandledErrors.map((e) => e.message ?? String(e)));
  }
}
