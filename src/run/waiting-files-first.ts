import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { selected } from '../engine/scenario-sequence.js';
import { scenariosFor } from '../engine/scenarios/index.js';
import { waitsOnTarget } from '../engine/waits-on-target.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { suiteOf } from '../suite/suite-of.js';
import { suiteName } from './outcome-collector.js';

/**
 * Workers for a run against a real target: each starts vitest anew (seconds of CPU), so not one per suite file,
 * but enough that the files whose scenarios wait on the target run side by side (measured on 2 cores: four
 * workers ended a run with 30 s jobs sooner than one per file, whose start-up took longer than it saved).
 */
export const remoteWorkers = (): number => Math.max(4, availableParallelism());

/**
 * Orders the suite files by how many of their selected scenarios wait on the target (jobs, state changes,
 * lifecycles), most first: with fewer workers than files, those waits start at once and overlap, while the files
 * that only send requests fill the workers as they free up.
 */
export function waitingFilesFirst(spec: LoadedSpec, only: readonly string[]): typeof BaseSequencer {
  const waiting = new Map<string, number>();
  for (const scenario of scenariosFor(spec.operations))
    if (selected(scenario, only) && waitsOnTarget(scenario)) waiting.set(suiteOf(scenario), (waiting.get(suiteOf(scenario)) ?? 0) + 1);
  const count = (file: TestSpecification): number => waiting.get(suiteName(file.moduleId)) ?? 0;
  return class extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      return [...files].sort((a, b) => count(b) - count(a));
    }
  };
}
