import { AsyncLocalStorage } from 'node:async_hooks';
import type { SpecOperation } from '../model/operation.js';
import type { Exchange } from '../model/exchange.js';

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

/**
 * Ids a 2xx answer proves exist right now: the image a call on `/…/{image_id}` acted on, the image a create
 * answered with its representation (Glance's `id`), the images a list showed. A Nova `Location`/`image_id` or a
 * job's `entities.image_id` proves nothing yet: such an image may appear only later (queued in the background).
 */
export function witnessedImageIds(op: SpecOperation, params: Record<string, string> | undefined, status: number, body: unknown): string[] {
  if (status < 200 || status >= 300) return [];
  const ids: string[] = [];
  if (params?.image_id && op.path.includes('{image_id}')) ids.push(params.image_id);
  const shown = (body !== null && typeof body === 'object' ? body : {}) as { id?: unknown; images?: unknown };
  if (op.createsImages && typeof shown.id === 'string') ids.push(shown.id);
  if (Array.isArray(shown.images))
    for (const image of shown.images) {
      const id = (image as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.push(id);
    }
  return ids;
}

/**
 * Notes what any answer tells the cleanup: the images it shows to exist, and the job an image-making call started
 * (whoever sent it, whatever the scenario then does with the answer), so no job's image escapes the cleanup.
 */
export function noteAnswer(
  created: CreatedImages,
  op: SpecOperation,
  params: Record<string, string> | undefined,
  caller: string | undefined,
  status: number,
  body: unknown,
): void {
  created.witness(witnessedImageIds(op, params, status, body));
  const jobId = body !== null && typeof body === 'object' ? (body as { job_id?: unknown }).job_id : undefined;
  if (caller && op.createsImages && status >= 200 && status < 300 && typeof jobId === 'string') created.jobs.set(jobId, caller);
  // A job seen finished was watched by a scenario, which took its images over.
  const state = body !== null && typeof body === 'object' ? (body as { status?: unknown }).status : undefined;
  if (op.roles.includes('job.show') && status === 200 && params?.job_id && (state === 'SUCCESS' || state === 'FAIL')) created.jobs.delete(params.job_id);
}

/**
 * Records what an exchange created for the run's cleanup, as the principal that created it. Takes the run's book
 * of created images rather than the whole RunContext, which owns that book (and imports this module).
 */
export function recordCreatedImages(ctx: { readonly created: CreatedImages }, caller: string, exchange: Exchange): void {
  for (const id of createdImageIds(exchange)) if (!ctx.created.has(id)) ctx.created.set(id, caller);
}

const currentScenario = new AsyncLocalStorage<Set<string>>();

/**
 * The images this run created and has not deleted: id → the principal that can delete it. Each also lands in
 * the set of the scenario that created it (by async context), so a scenario's images go as soon as it ends:
 * fewer alive at once on the target, and room under `--max-resources`.
 *
 * It also remembers which ids some answer showed to exist (`witness`): a 404 on deleting one of those means it
 * is gone, while a 404 for an image the run never saw may only mean the target has not revealed it yet.
 */
export class CreatedImages extends Map<string, string> {
  private readonly seen = new Set<string>();
  /** Jobs an image-making call started (job id → the principal that started it), for the final cleanup to follow. */
  readonly jobs = new Map<string, string>();
  /** Jobs being followed in the background since a probe started them; the final cleanup awaits them first. */
  readonly following = new Set<Promise<unknown>>();

  override set(id: string, principal: string): this {
    currentScenario.getStore()?.add(id);
    return super.set(id, principal);
  }

  witness(ids: readonly string[]): void {
    for (const id of ids) this.seen.add(id);
  }

  wasSeen(id: string): boolean {
    return this.seen.has(id);
  }
}

/** Runs `run` with its own record of created images, handed to it for the cleanup at its end. */
export function withScenarioImages<T>(run: (created: ReadonlySet<string>) => Promise<T>): Promise<T> {
  const created = new Set<string>();
  return currentScenario.run(created, () => run(created));
}
