/** One look at something that settles asynchronously: settled with a value, or still pending in some state. */
export type Look<T> = { done: T } | { pending: string };

/**
 * Looks again with backoff (50 ms doubling up to `maxDelayMs`) until `look` settles or the bound passes. Only a
 * look started after the deadline proves the thing stuck: on a loaded machine a reply can arrive long after the
 * target moved on, and that stale "still running" is no evidence.
 */
export async function pollUntil<T>(timeoutMs: number, maxDelayMs: number, look: () => Promise<Look<T>>): Promise<{ done: T } | { stuck: string }> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, maxDelayMs)) {
    const startedAfterDeadline = Date.now() > deadline;
    const seen = await look();
    if ('done' in seen) return seen;
    if (startedAfterDeadline) return { stuck: seen.pending };
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(delay, deadline + 1 - Date.now()))));
  }
}
