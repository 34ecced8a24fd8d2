import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../mock/store/jobs.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("the mock's job runner", () => {
  it('never sends a finished job back to RUNNING, even when a busy event loop runs its steps out of order', async () => {
    const runner = new JobRunner(() => 20);
    try {
      const done = { entities: { image_id: 'made' } };
      // An older job's 20 ms step is due before the new job's 10 ms step, and Node runs a due list of timers whole:
      // once the loop was blocked, the new job's end (20 ms list) runs before its RUNNING step (10 ms list).
      runner.submit({ type: 'older', projectId: 'p', complete: () => done, delayMs: 40 });
      await sleep(12);
      const job = runner.submit({ type: 'newer', projectId: 'p', complete: () => done });
      const until = Date.now() + 60;
      while (Date.now() < until) {
        // Busy: every timer above falls due at once.
      }
      await sleep(30);
      expect(job.status).toBe('SUCCESS');
      expect(job.entities.image_id).toBe('made');
    } finally {
      runner.close();
    }
  });
});
