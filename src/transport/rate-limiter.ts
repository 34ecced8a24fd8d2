/** Spaces requests at least 1/rate seconds apart across all callers; no limit when rate is undefined. */
export class RateLimiter {
  private next = 0;

  constructor(private readonly rate: number | undefined) {}

  async wait(): Promise<void> {
    if (!this.rate) return;
    const now = Date.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.rate;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
