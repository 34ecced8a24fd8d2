import type { SpecOperation } from '../spec/operations.js';
import { walkPages } from './paging.js';
import type { RunContext } from './run-context.js';

/** Run ids look like this; an image belongs to a run when its name starts with `<runId>-` or it carries the tag. */
export const RUN_ID = /^imsc-[0-9a-f]{8}$/;

interface ListedImage {
  id: string;
  name?: unknown;
  tags?: unknown;
}

/** The run id an image was tagged with by some run of this suite, if any. Nothing else is ever deleted. */
export function runIdOf(image: ListedImage): string | undefined {
  const prefix = typeof image.name === 'string' ? /^(imsc-[0-9a-f]{8})-/.exec(image.name)?.[1] : undefined;
  if (prefix) return prefix;
  return (Array.isArray(image.tags) ? image.tags : []).find((t): t is string => typeof t === 'string' && RUN_ID.test(t));
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
 * given (the end of an interrupted run), or of any earlier run (`--sweep`). An image counts only when its name
 * starts with a run id and a dash, or it carries a run-id tag: what the suite did not tag, it never touches.
 */
export async function sweep(ctx: RunContext, runId?: string): Promise<SweepOutcome> {
  const del = ctx.role('image.delete');
  const outcome: SweepOutcome = { deleted: [], left: [], unlisted: [] };
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
    const ours = listed.filter((i) => (runId ? runIdOf(i) === runId : runIdOf(i) !== undefined) && !outcome.deleted.includes(i.id));
    for (const image of ours) {
      const reply = await ctx.call(del, { as: principal }, { params: { image_id: image.id } });
      const status = reply.ok ? reply.exchange.response.status : 0;
      if (status === 204 || status === 200 || status === 404) outcome.deleted.push(image.id);
      else outcome.left.push({ id: image.id, why: reply.ok ? `delete answered ${status}` : reply.message });
    }
  }
  return outcome;
}
