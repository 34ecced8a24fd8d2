import { describe, expect, it } from 'vitest';
import { connectPermits, LocalPermits, servePermits, type Release } from '../../src/transport/permits.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('permits: the bound on requests in flight at one target', () => {
  it('grants at most `limit` slots, and a released slot goes to the lowest priority waiting, then the earliest', async () => {
    const permits = new LocalPermits(2);
    const order: string[] = [];
    const take = (name: string, priority: number): Promise<Release> =>
      permits.acquire(priority).then((release) => {
        order.push(name);
        return release;
      });
    const first = await take('a', 5);
    await take('b', 5);
    const waiting = [take('late', 9), take('urgent', 1), take('also-late', 9)];
    await tick();
    expect(order).toEqual(['a', 'b']);
    first();
    await tick();
    expect(order).toEqual(['a', 'b', 'urgent']);
    (await waiting[1]!)();
    await tick();
    expect(order).toEqual(['a', 'b', 'urgent', 'late']);
  });

  it('holds across processes: clients of one server share its slots, and a client that goes away gives its back', async () => {
    const server = await servePermits(1);
    const one = connectPermits(server.path);
    const two = connectPermits(server.path);
    try {
      await one.acquire(0);
      let granted = false;
      const waiting = two.acquire(0).then((release) => {
        granted = true;
        return release;
      });
      await tick();
      expect(granted).toBe(false);
      await one.close();
      (await waiting)();
      expect(granted).toBe(true);
    } finally {
      await two.close();
      await server.close();
    }
  });

  it('lets requests go ahead unbounded when the server is gone, rather than hang the run', async () => {
    const server = await servePermits(1);
    const client = connectPermits(server.path);
    await client.acquire(0);
    await server.close();
    await tick();
    // The slot taken above is never released: with the server there, the next two would wait for ever.
    const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000).unref());
    const granted = (): Promise<'granted' | 'hung'> => Promise.race([client.acquire(0).then(() => 'granted' as const), hung]);
    expect(await granted()).toBe('granted');
    expect(await granted()).toBe('granted');
    await client.close();
  });
});
