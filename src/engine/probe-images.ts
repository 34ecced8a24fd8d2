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
  // A probe judges the answer, not the job: only with --max-resources, where the next creation needs the room, is
  // the job waited for here. Otherwise the run already follows it (noteAnswer) and the suite file's cleanup deletes
  // its images, while this scenario goes on instead of waiting for a job it does not judge.
  if (response.status >= 200 && response.status < 300 && request.method === 'POST' && typeof jobId === 'string' && ctx.config.maxResources !== undefined)
    ids.push(...(await watchJob(ctx, caller, callerProject, jobId)).imageIds);
  for (const id of ids) if (!ctx.created.has(id)) ctx.created.set(id, deleter);
  return ids;
}
