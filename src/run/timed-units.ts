import type { RunTimings } from '../../reports/timings.js';
import type { ScenarioTiming } from '../engine/timeline.js';

/** One unit of the run with its own timeline: a scenario (or lifecycle) test, or a suite file's final cleanup. */
export interface TimedUnit {
  /** `suite › scenario title`, or `suite › final cleanup`. */
  name: string;
  timing: ScenarioTiming;
}

/** The run's timings: requests and waits summed over its units, the critical path the longest unit's. */
export function runTimings(units: readonly TimedUnit[], wallMs: number): RunTimings {
  let longest: TimedUnit | undefined;
  for (const unit of units) if (!longest || unit.timing.criticalMs > longest.timing.criticalMs) longest = unit;
  return {
    wallMs,
    requests: units.reduce((sum, u) => sum + u.timing.requests, 0),
    ...(longest
      ? { criticalPath: { ms: longest.timing.criticalMs, scenario: longest.name, requests: longest.timing.requests, waitMs: longest.timing.waitMs } }
      : {}),
    waitMs: units.reduce((sum, u) => sum + u.timing.waitMs, 0),
  };
}
