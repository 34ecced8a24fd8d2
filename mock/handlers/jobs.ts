import type { Handler } from '../context.js';
import { errorFor, json } from '../http/responses.js';
import type { JobRecord } from '../store/jobs.js';
import { callerProject } from './caller-scope.js';

export function renderJob(job: JobRecord): Record<string, unknown> {
  return {
    status: job.status,
    job_id: job.id,
    job_type: job.type,
    begin_time: job.beginTime,
    end_time: job.endTime,
    error_code: job.errorCode,
    fail_reason: job.failReason,
    entities: job.entities,
  };
}

/**
 * GET /v1/{project_id}/jobs/{job_id}: only the project that started the job sees it. An unknown job is 404
 * IMG.0144, or in the alternative variant 400 IMG.0023, as the job page documents no 404.
 */
const showJob: Handler = (ctx) => {
  const job = ctx.state.jobs.get(ctx.params.job_id ?? '');
  const project = callerProject(ctx);
  if (!job || job.projectId !== project || ctx.params.project_id !== project)
    return ctx.state.readings.alternative('unknown-job-id')
      ? errorFor(ctx.op.endpoint, 400, 'IMG.0023', `The job ${ctx.params.job_id ?? ''} does not exist.`)
      : errorFor(ctx.op.endpoint, 404, 'IMG.0144', `Job ${ctx.params.job_id ?? ''} not found.`);
  return json(200, revertedIfFaulty(ctx, job));
};

/** Jobs already shown ended, for the fault job-status-reverts. */
const shownEnded = new WeakSet<JobRecord>();

/** The fault job-status-reverts: a job shown SUCCESS or FAIL once answers RUNNING on every later query. */
function revertedIfFaulty(ctx: Parameters<Handler>[0], job: JobRecord): Record<string, unknown> {
  const view = renderJob(job);
  if (!ctx.state.faults.has('job-status-reverts') || (job.status !== 'SUCCESS' && job.status !== 'FAIL')) return view;
  if (!shownEnded.has(job)) {
    shownEnded.add(job);
    return view;
  }
  return { ...view, status: 'RUNNING', end_time: null };
}

export const jobHandlers: Record<string, Handler> = { showJob };
