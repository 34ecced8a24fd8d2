import { watchJob } from './jobs.js';
import { lookupStatus } from './not-found.js';
import { pollUntil, type Look } from './poll.js';
import type { RunContext } from './run-context.js';

/** What one delete of a tracked image settled: gone, worth another try later, or refused for good. */
export type DeleteVerdict = { kind: 'gone' } | { kind: 'later'; why: string } | { kind: 'refused'; why: string };

/**
 * How a target's answer to deleting one of the run's images reads. A 404 proves the image gone only when the run
 * has seen it exist: an image a Nova `createImage` (202) or a job announced may be revealed only later, so until
 * then it is pending. An image still being made may refuse deletion (IMG.0090, 409 Conflict or 400) until it is
 * finished; a 5xx or a dropped connection is worth another try. Anything else (403: not ours to delete) is final.
 * Callers pass the status the answer reads as (`lookupStatus`: IMS's 400 "image does not exist" is a 404 here).
 */
export function deleteVerdict(status: number | undefined, seen: boolean, transportError?: string): DeleteVerdict {
  if (status === undefined) return { kind: 'later', why: transportError ?? 'no answer' };
  if (status === 200 || status === 204) return { kind: 'gone' };
  if (status === 404) return seen ? { kind: 'gone' } : { kind: 'later', why: 'not visible yet (404 for an image the target announced but never showed)' };
  if (status === 409 || status === 400) return { kind: 'later', why: `not deletable yet (delete answered ${status}; still being created?)` };
  if (status >= 500) return { kind: 'later', why: `delete answered ${status}` };
  return { kind: 'refused', why: `delete answered ${status}` };
}

/** One try at deleting one tracked image, as the principal that created it; a gone image leaves the record. */
async function deleteOnce(ctx: RunContext, id: string, principal: string): Promise<DeleteVerdict> {
  const reply = await ctx.call(ctx.role('image.delete'), { as: principal }, { params: { image_id: id } });
  const verdict = reply.ok
    ? deleteVerdict(lookupStatus(ctx, reply.exchange), ctx.created.wasSeen(id))
    : reply.kind === 'skip'
      ? ({ kind: 'refused', why: reply.message } as const)
      : deleteVerdict(undefined, false, reply.message);
  if (verdict.kind === 'gone') ctx.created.delete(id);
  return verdict;
}

/** One pass over the tracked images (those of `only`, when given), newest first; returns what stayed, with why. */
async function deletePass(ctx: RunContext, only?: ReadonlySet<string>, skip?: ReadonlySet<string>): Promise<Map<string, DeleteVerdict>> {
  const stayed = new Map<string, DeleteVerdict>();
  for (const [id, principal] of [...ctx.created].reverse()) {
    if ((only && !only.has(id)) || skip?.has(id)) continue;
    const verdict = await deleteOnce(ctx, id, principal);
    if (verdict.kind !== 'gone') stayed.set(id, verdict);
  }
  return stayed;
}

/**
 * Deletes the images this run created. With `only` (one scenario's images, when it ends): one pass; what stays
 * is tried again at the end. Without (the end of a suite file or run): passes with backoff until nothing is
 * pending or the poll timeout passes, so images the target reveals, or lets go, only later are deleted too.
 * Returns the ids that could not be deleted, so the user learns what may be left.
 */
export async function cleanup(ctx: RunContext, only?: ReadonlySet<string>): Promise<string[]> {
  if (only) return [...(await deletePass(ctx, only)).keys()];
  await followJobs(ctx);
  // Refused images are not asked again: that answer will not change.
  const refused = new Set<string>();
  const outcome = await pollUntil(ctx.config.pollTimeoutMs, 5_000, async (): Promise<Look<true>> => {
    const stayed = await deletePass(ctx, undefined, refused);
    const later: string[] = [];
    for (const [id, verdict] of stayed) {
      if (verdict.kind === 'refused') refused.add(id);
      else if (verdict.kind === 'later') later.push(`${id}: ${verdict.why}`);
    }
    return later.length === 0 ? { done: true } : { pending: later.join('; ') };
  });
  return 'done' in outcome ? [...refused] : [...ctx.created.keys()];
}

/**
 * The images of every job an image-making call started, tracked for deletion: a scenario may have stopped
 * watching its job (or never watched one it did not expect to start), and the job's image exists all the same.
 * They are deleted as the owner when the job ran in the owner's project (the starter may lack the right to).
 */
async function followJobs(ctx: RunContext): Promise<void> {
  await Promise.all(ctx.created.following);
  ctx.created.following.clear();
  const ownerProject = await ctx.credentials.projectOf('owner');
  await Promise.all(
    [...ctx.created.jobs].map(async ([jobId, caller]) => {
      const project = await ctx.credentials.projectOf(caller);
      if (!project) return;
      const watch = await watchJob(ctx, caller, project, jobId);
      ctx.created.jobs.delete(jobId);
      const deleter = project === ownerProject && ctx.config.principals.owner ? 'owner' : caller;
      for (const id of watch.imageIds) if (!ctx.created.has(id)) ctx.created.set(id, deleter);
    }),
  );
}
