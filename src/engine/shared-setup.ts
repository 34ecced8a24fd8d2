import { withScenarioImages } from './created-images.js';

/**
 * Set-up that many scenarios of a suite file share: the first to ask makes it, the others await the same promise.
 * What it creates belongs to no scenario (their cleanups leave it alone) and goes in the file's final cleanup. A
 * failed or skipped set-up is forgotten, so the next scenario tries again as it would have on its own.
 */
export class SharedSetup {
  private readonly made = new Map<string, Promise<{ ok: boolean }>>();

  once<T extends { ok: boolean }>(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.made.get(key);
    if (known) return known as Promise<T>;
    const making = withScenarioImages(() => make()).then((result) => {
      if (!result.ok) this.made.delete(key);
      return result;
    });
    this.made.set(key, making);
    return making;
  }
}
