import { AsyncLocalStorage } from 'node:async_hooks';
import { seededRandom } from '../model/seeded-random.js';
import { propertySeed } from './property.js';

const current = new AsyncLocalStorage<() => number>();
// Outside a scenario (a unit test calling a helper) draws still repeat from process start, never from the clock.
const outside = seededRandom(0);

/**
 * Runs a scenario with its own random stream, seeded from the run's seed and the scenario's key: the same seed
 * draws the same values in it whatever else runs or how scenarios interleave, so `--seed N --only …` replays
 * the unknown ids and unique names of the run that failed.
 */
export function withScenarioRandom<T>(runSeed: number, key: string, run: () => Promise<T>): Promise<T> {
  return current.run(seededRandom(propertySeed(runSeed, key)), run);
}

function draw(): number {
  return (current.getStore() ?? outside)();
}

/** `bytes` random bytes as lower-case hex, from the scenario's stream. */
export function randomHex(bytes: number): string {
  let hex = '';
  for (let i = 0; i < bytes; i++)
    hex += Math.floor(draw() * 256)
      .toString(16)
      .padStart(2, '0');
  return hex;
}

/** A version-4 UUID from the scenario's stream (well-formed, so it can only be unknown, never invalid). */
export function randomUuid(): string {
  const hex = randomHex(16).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Number.parseInt(hex[16]!, 16) & 3]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
