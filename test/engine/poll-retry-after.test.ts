import { describe, expect, it } from 'vitest';
import { pollUntil, type Look } from '../../src/engine/poll.js';

describe('polling', () => {
  it('looks again when the pending answer’s Retry-After asks, not at its own backoff (50 ms)', async () => {
    const looks: number[] = [];
    const outcome = await pollUntil(10_000, 5_000, async (): Promise<Look<string>> => {
      looks.push(Date.now());
      return looks.length === 1 ? { pending: 'RUNNING', retryAfter: '1' } : { done: 'SUCCESS' };
    });
    expect(outcome).toEqual({ done: 'SUCCESS' });
    // A timer never fires early: the second look came no sooner than the target asked.
    expect(looks[1]! - looks[0]!).toBeGreaterThanOrEqual(999);
  });

  it('never waits past its deadline for a Retry-After', async () => {
    const outcome = await pollUntil(200, 5_000, async (): Promise<Look<string>> => ({ pending: 'RUNNING', retryAfter: '3600' }));
    expect(outcome).toEqual({ stuck: 'RUNNING' });
  });
});
