import { describe, expect, it } from 'vitest';
import { coveredMs, noteStep, pause, requestPriority, withTimeline } from '../../src/engine/timeline.js';
import { runTimings } from '../../src/run/timed-units.js';

describe("a scenario's timeline", () => {
  it('measures its critical path as the time its steps cover: their sum in sequence, overlaps and gaps not counted', () => {
    const steps = [
      { kind: 'request' as const, startMs: 0, endMs: 100 },
      { kind: 'wait' as const, startMs: 100, endMs: 400 },
      // queued for a slot from 400 to 900: no step
      { kind: 'request' as const, startMs: 900, endMs: 1_000 },
      { kind: 'request' as const, startMs: 950, endMs: 1_050 },
    ];
    expect(coveredMs(steps)).toBe(100 + 300 + 150);
  });

  it('records the requests and pauses made inside it, whatever they await in between', async () => {
    const { timeline } = await withTimeline(async () => {
      const before = Date.now() - 1_000;
      noteStep('request', before, before + 30);
      await pause(20);
    });
    const timing = timeline.timing();
    expect(timing.requests).toBe(1);
    // A timer never fires early, so these lower bounds hold on any machine.
    expect(timing.waitMs).toBeGreaterThanOrEqual(19);
    expect(timing.criticalMs).toBe(30 + timing.waitMs);
  });

  it('queues a scenario that waits on the target before one that does not, whenever each started', async () => {
    const waiting = await withTimeline(async () => requestPriority(), true);
    const other = await withTimeline(async () => requestPriority());
    const later = await withTimeline(async () => {
      await pause(1);
      return requestPriority();
    });
    expect(waiting.result).toBeLessThan(other.result);
    expect(later.result).toBeLessThan(other.result);
    expect(other.result).toBeLessThan(requestPriority());
  });
});

describe("a run's timings", () => {
  it('sum the requests and waits of its units and name the longest chain', () => {
    const timings = runTimings(
      [
        { name: 'images › a', timing: { requests: 3, criticalMs: 300, waitMs: 0 } },
        { name: 'lifecycles › b', timing: { requests: 10, criticalMs: 4_000, waitMs: 2_500 } },
        { name: 'authz › final cleanup', timing: { requests: 2, criticalMs: 1_000, waitMs: 800 } },
      ],
      9_000,
    );
    expect(timings).toEqual({
      wallMs: 9_000,
      requests: 15,
      criticalPath: { ms: 4_000, scenario: 'lifecycles › b', requests: 10, waitMs: 2_500 },
      waitMs: 3_300,
    });
  });
});
