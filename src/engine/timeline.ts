import { AsyncLocalStorage } from 'node:async_hooks';

/** One thing a scenario did that the next thing it does depends on: a request, or a deliberate wait. */
export interface Step {
  kind: 'request' | 'wait';
  startMs: number;
  endMs: number;
}

/**
 * What one scenario's own timeline says about its speed. `criticalMs` is the time covered by its steps: a
 * scenario runs its steps one after another, so that is the sum of their durations, and time spent queued for a
 * slot, or on the CPU between steps, does not count (no scheduling could remove the steps, only the gaps).
 */
export interface ScenarioTiming {
  requests: number;
  criticalMs: number;
  waitMs: number;
}

/** The steps of one scenario (or one lifecycle), as they happened. */
export class Timeline {
  readonly steps: Step[] = [];
  readonly startedAt = Date.now();

  /** `waits`: the scenario is known to wait on the target (a job, a state change), so its chain is long. */
  constructor(private waits = false) {}

  add(kind: Step['kind'], startMs: number, endMs: number): void {
    this.steps.push({ kind, startMs, endMs });
    if (kind === 'wait') this.waits = true;
  }

  /**
   * Where its next request queues for a slot at the target (lowest first): scenarios that wait on the target
   * before those that do not, as a chain of waits is what bounds the run; among each, the earliest started.
   */
  priority(): number {
    return (this.waits ? 0 : WAITLESS) + this.startedAt;
  }

  timing(): ScenarioTiming {
    return {
      requests: this.steps.filter((s) => s.kind === 'request').length,
      criticalMs: coveredMs(this.steps),
      waitMs: coveredMs(this.steps.filter((s) => s.kind === 'wait')),
    };
  }
}

/** Length of the union of the steps' intervals: their sum when they ran in sequence, never double-counted. */
export function coveredMs(steps: readonly Step[]): number {
  const sorted = [...steps].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let reach = -Infinity;
  for (const { startMs, endMs } of sorted) {
    const from = Math.max(startMs, reach);
    if (endMs > from) total += endMs - from;
    reach = Math.max(reach, endMs);
  }
  return total;
}

const current = new AsyncLocalStorage<Timeline>();

/** Ranks after every scenario that waits, whenever that one started (about 300 years of milliseconds). */
const WAITLESS = 1e13;

/**
 * Runs `fn` with a fresh timeline that every request and wait inside it (whatever awaits it nests) records into;
 * `waits` when the scenario is known to wait on the target from its first request on.
 */
export async function withTimeline<T>(fn: () => Promise<T>, waits = false): Promise<{ result: T; timeline: Timeline }> {
  const timeline = new Timeline(waits);
  const result = await current.run(timeline, fn);
  return { result, timeline };
}

/** Records a finished step in the timeline of the scenario it belongs to (none outside a scenario). */
export function noteStep(kind: Step['kind'], startMs: number, endMs: number): void {
  current.getStore()?.add(kind, startMs, endMs);
}

/** The priority of a request sent now: its scenario's, or behind every scenario's outside one. */
export function requestPriority(): number {
  return current.getStore()?.priority() ?? 2 * WAITLESS;
}

/** A deliberate pause of `ms`, recorded as a wait of the scenario that takes it. */
export async function pause(ms: number): Promise<void> {
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  noteStep('wait', started, Date.now());
}
