import type { SpecOperation } from '../model/operation.js';
import { lookupStatus } from './not-found.js';
import { deleteVerdict } from './cleanup.js';
import { besides, patchSpec } from './json-patch.js';
import { pollUntil, type Look } from './poll.js';
import { walkPages } from './paging.js';
import type { RunContext } from './run-context.js';

/** Run ids look like this; an image belongs to a run when its name starts with `<runId>-` or it carries the tag. */
export const RUN_ID = /^imsc-[0-9a-f]{8}$/;

interface ListedImage {
  id: string;
  name?: unknown;
  tags?: unknown;
  protected?: unknown;
}

/** A run-id tag: the run id itself (Glance tags), or IMS's `key.value` form with the run id as the key. */
const RUN_TAG = /^(imsc-[0-9a-f]{8})(\.[A-Za-z0-9_-]*)?$/;

/** The run id an image was named or tagged with by some run of this suite, if any. Nothing else is ever deleted. */
export function runIdOf(image: ListedImage): string | undefined {
  const prefix = typeof image.name === 'string' ? /^(imsc-[0-9a-f]{8})-/.exec(image.name)?.[1] : undefined;
  if (prefix) return prefix;
  for (const tag of Array.isArray(image.tags) ? image.tags : []) {
    const id = typeof tag === 'string' ? RUN_TAG.exec(tag)?.[1] : undefined;
    if (id) return id;
  }
  return undefined;
}

const PAGE = 100;
const MAX_PAGES = 200;

/** The image list of the run's profile that can page with a marker (GET /v2/images, or /v2/cloudimages). */
function listOperation(ctx: RunContext): SpecOperation | undefined {
  return ctx.roles('image.list').find((op) => op.profiles.includes(ctx.config.profile) && op.parameters.some((p) => p.name === 'marker'));
}

/** Every image a principal can list with `filter`, page by page as the pagination check walks them (bounded). */
async function listAll(ctx: RunContext, principal: string, filter: Record<string, string>): Promise<ListedImage[] | string> {
  const list = listOperation(ctx);
  if (!list) return 'the spec has no image list for this profile';
  const walk = await walkPages((query) => ctx.call(list, { as: principal }, { query }), filter, PAGE, MAX_PAGES);
  if (walk.aborted) return walk.aborted.message;
  const failed = walk.pages.find((p) => p.status !== 200);
  if (failed) return `${list.operationId} answered ${failed.status}`;
  const images = walk.pages.flatMap((p) => ((p.exchange.response.body as { images?: unknown }).images ?? []) as ListedImage[]);
  return images.filter((i) => typeof i?.id === 'string');
}

export interface SweepOutcome {
  deleted: string[];
  /** Ids that stayed, with why. */
  left: { id: string; why: string }[];
  /** Principals whose images could not be listed, with why. */
  unlisted: string[];
}

/**
 * Deletes the images of this suite's runs that the configured principals can see: those of run `runId` when
 * given (the end of an interrupted or finished run), or of any earlier run (`--sweep`). An image counts only when
 * its name starts with a run id and a dash, or it carries a run-id tag: what the suite did not tag, it never
 * touches. One the run left protected is unprotected first. A listed image that refuses deletion for now (still being created: 409/400, or a 5xx) is tried again
 * with backoff within the poll timeout.
 */
export async function sweep(ctx: RunContext, runId?: string): Promise<SweepOutcome> {
  const outcome: SweepOutcome = { deleted: [], left: [], unlisted: [] };
  const found = new Map<string, string>();
  const protectedIds = new Set<string>();
  const seenProjects = new Set<string>();
  for (const principal of Object.keys(ctx.config.principals)) {
    const project = await ctx.credentials.projectOf(principal);
    if (project === undefined || seenProjects.has(project)) continue;
    // Only the principal's own project's images: an image shared with it is someone else's to delete.
    const listed = await listAll(ctx, principal, { owner: project });
    if (typeof listed === 'string') {
      outcome.unlisted.push(`${principal}: ${listed}`);
      continue;
    }
    seenProjects.add(project);
    for (const image of listed) {
      if ((runId ? runIdOf(image) !== runId : runIdOf(image) === undefined) || found.has(image.id)) continue;
      found.set(image.id, principal);
      if (image.protected === true) protectedIds.add(image.id);
    }
  }
  await unprotect(ctx, found, protectedIds);
  const left = await deleteListed(ctx, found);
  for (const id of found.keys()) if (!left.has(id)) outcome.deleted.push(id);
  for (const [id, why] of left) outcome.left.push({ id, why });
  return outcome;
}

/**
 * The lifecycle protects an image to see its deletion refused, and unprotects it at once; a run stopped in between
 * (Ctrl-C, a killed worker) leaves one the target will not delete. The suite protected it, so it unprotects it. A
 * refusal is left to the deletion that follows to report.
 */
async function unprotect(ctx: RunContext, images: ReadonlyMap<string, string>, ids: ReadonlySet<string>): Promise<void> {
  const update = besides(ctx.spec.operations, ctx.role('image.show'), 'patch');
  if (!update) return;
  for (const id of ids) await ctx.call(update, { as: images.get(id) as string }, patchSpec(update, id, 'protected', false));
}

/** Deletes listed images (id → principal), retrying those that are not deletable yet; returns what stayed, with why. */
async function deleteListed(ctx: RunContext, images: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const del = ctx.role('image.delete');
  const left = new Map<string, string>();
  let todo = [...images];
  await pollUntil(ctx.config.pollTimeoutMs, 5_000, async (): Promise<Look<true>> => {
    const again: [string, string][] = [];
    for (const [id, principal] of todo) {
      const reply = await ctx.call(del, { as: principal }, { params: { image_id: id } });
      // Listed a moment ago, so a 404 means someone else deleted it first.
      const verdict = reply.ok
        ? deleteVerdict(lookupStatus(ctx, reply.exchange), true)
        : reply.kind === 'skip'
          ? { kind: 'refused' as const, why: reply.message }
          : deleteVerdict(undefined, true, reply.message);
      left.delete(id);
      if (verdict.kind === 'gone') continue;
      left.set(id, verdict.why);
      if (verdict.kind === 'later') again.push([id, principal]);
    }
    todo = again;
    return todo.length === 0 ? { done: true } : { pending: `${todo.length} image(s) not deletable yet` };
  });
  return left;
}
