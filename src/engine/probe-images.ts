import { createdImageIds } from './created-images.js';
import { watchJob } from './jobs.js';
import type { CallResult, RunContext } from './run-context.js';

/**
 * Registers for cleanup the images a probe's answer created, and the images a job it started names once finished.
 * Probes that are allowed (or wrongly served) really create things, and a run must leave nothing behind on a real
 * cloud. `deleter` is who can delete them. Returns their ids.
 */
export async function recordProbeImages(ctx: RunContext, reply: CallResult, caller: string, callerProject: string, deleter: string): Promise<string[]> {
  if (!reply.ok) return [];
  const ids = createdImageIds(reply.exchange);
  const { response, request } = reply.exchange;
  const jobId = (response.body as { job_id?: unknown } | undefined)?.job_id;
  if (response.status >= 200 && response.status < 300 && request.method === 'POST' && typeof jobId === 'string') {
    const follow = watchJob(ctx, caller, callerProject, jobId).then((watch) => {
      for (const id of watch.imageIds) if (!ctx.created.has(id)) ctx.created.set(id, deleter);
      return watch.imageIds;
    });
    // A probe judges the answer, not the job: it waits for the job only with --max-resources, where the next
    // creation needs the room, and at --concurrency 1, where requests go one after another in a replayable order.
    // Otherwise it goes on while the job is followed from now on, and the suite file's cleanup deletes what the job
    // made (by then, usually long finished).
    if (ctx.config.maxResources !== undefined || ctx.config.concurrency === 1) ids.push(...(await follow));
    else ctx.created.following.add(follow);
  }
  for (const id of ids) if (!ctx.created.has(id)) ctx.created.set(id, deleter);
  return ids;
}
