import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exchange } from './exchange.js';
import type { RunContext } from './run-context.js';

const IMAGE_ID = /^[0-9a-f-]{32,36}$/i;

/**
 * Ids of images a 2xx POST may have created: a body `id`/`image_id`, or the last segment of `Location`.
 * Probes that send bad input need this too: a target that wrongly accepts an invalid create makes an image,
 * and the run must still delete it.
 */
export function createdImageIds(exchange: Exchange): string[] {
  if (exchange.response.status < 200 || exchange.response.status >= 300 || exchange.request.method !== 'POST') return [];
  const body = exchange.response.body as { id?: unknown; image_id?: unknown } | undefined;
  const ids = [body?.id, body?.image_id].filter((v): v is string => typeof v === 'string');
  const location = exchange.response.headers.location;
  if (location) ids.push(location.split('/').filter(Boolean).at(-1) ?? '');
  return [...new Set(ids.filter((id) => IMAGE_ID.test(id)))];
}

/** Records what an exchange created for the run's cleanup, as the principal that created it. */
export function trackCreated(ctx: RunContext, caller: string, exchange: Exchange): void {
  for (const id of createdImageIds(exchange)) if (!ctx.created.has(id)) ctx.created.set(id, caller);
}

const currentScenario = new AsyncLocalStorage<Set<string>>();

/**
 * The images this run created and has not deleted: id → the principal that can delete it. Each also lands in
 * the set of the scenario that created it (by async context), so a scenario's images go as soon as it ends:
 * fewer alive at once on the target, and room under `--max-resources`.
 */
export class CreatedImages extends Map<string, string> {
  override set(id: string, principal: string): this {
    currentScenario.getStore()?.add(id);
    return super.set(id, principal);
  }
}

/** Runs `run` with its own record of created images, handed to it for the cleanup at its end. */
export function withScenarioImages<T>(run: (created: ReadonlySet<string>) => Promise<T>): Promise<T> {
  const created = new Set<string>();
  return currentScenario.run(created, () => run(created));
}
