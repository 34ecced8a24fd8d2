import { finding } from '../checks/finding.js';
import type { Finding } from '../model/finding.js';
import type { Exchange } from '../model/exchange.js';
import type { SpecOperation } from '../model/operation.js';
import { documentedStates, JOB_STATES_IN_PROGRESS, judgeState, pollUntil, type Look } from './poll.js';
import type { RunContext } from './run-context.js';

export interface JobWatch {
  /** The last job answer, if any. */
  last: Exchange | undefined;
  exchanges: Exchange[];
  findings: Finding[];
  /** Images the finished job names (`entities.image_id`, sub-job results), so cleanup can remove them. */
  imageIds: string[];
  error?: string;
}

/** The fields of a job answer the watch reads. */
interface JobBody {
  status?: string;
  fail_reason?: string;
  error_code?: string;
  entities?: Record<string, unknown>;
}

/** One job being watched: who asks, for which job, and what has been seen so far. */
interface Watching {
  ctx: RunContext;
  show: SpecOperation;
  caller: string;
  projectId: string;
  jobId: string;
  watch: JobWatch;
}

const jobFinding = (exchange: Exchange, title: string, message: string, hint: string): Finding =>
  finding(exchange, 'async-job-completes', title, message, hint);

/**
 * Polls an asynchronous job until SUCCESS or FAIL, with backoff and a bound; a job that never finishes, or
 * finishes FAIL for a request the suite built to succeed, is a finding of `async-job-completes`.
 */
export async function watchJob(ctx: RunContext, caller: string, projectId: string, jobId: string, timeoutMs = ctx.config.pollTimeoutMs): Promise<JobWatch> {
  const watch: JobWatch = { last: undefined, exchanges: [], findings: [], imageIds: [] };
  const watching: Watching = { ctx, show: ctx.role('job.show'), caller, projectId, jobId, watch };
  const outcome = await pollUntil(timeoutMs, 10_000, () => lookAtJob(watching));
  if ('done' in outcome) return stillEnded(watching, outcome.done);
  if (watch.last)
    watch.findings.push(
      jobFinding(
        watch.last,
        'job never finished',
        `Job ${jobId} was still ${outcome.stuck} after ${Math.round(timeoutMs / 1000)} s.`,
        'Move jobs to SUCCESS or FAIL in bounded time.',
      ),
    );
  return watch;
}

/** Queries the job once: done when it ended or cannot be judged further, pending while it is documented in progress. */
async function lookAtJob({ ctx, show, caller, projectId, jobId, watch }: Watching): Promise<Look<JobWatch>> {
  const reply = await ctx.call(show, { as: caller }, { params: { project_id: projectId, job_id: jobId } });
  if (!reply.ok) return { done: { ...watch, error: reply.message } };
  watch.last = reply.exchange;
  if (watch.exchanges.length < 3) watch.exchanges.push(reply.exchange);
  const job = reply.exchange.response.body as JobBody;
  if (reply.exchange.response.status !== 200) {
    watch.findings.push(
      jobFinding(
        reply.exchange,
        'job cannot be queried',
        `Querying job ${jobId} answered ${reply.exchange.response.status}.`,
        'Let the project that started a job query it.',
      ),
    );
    return { done: watch };
  }
  const state = judgeState(job.status, {
    wanted: ['SUCCESS', 'FAIL'],
    inProgress: JOB_STATES_IN_PROGRESS,
    documented: documentedStates(show),
    what: `job ${jobId}`,
  });
  if (state.kind === 'stop') {
    watch.findings.push(
      jobFinding(reply.exchange, 'job state undocumented', `${state.reason}.`, 'Report job states as documented: INIT or RUNNING until SUCCESS or FAIL.'),
    );
    return { done: watch };
  }
  if (state.kind === 'wait') return { pending: String(job.status), retryAfter: reply.exchange.response.headers['retry-after'] };
  recordEnd(watch, reply.exchange, job, jobId);
  return { done: watch };
}

/**
 * The rule job-end-final: SUCCESS ("successfully executed") and FAIL ("failed to be executed") are outcomes, INIT and
 * RUNNING the states before one (otc-job-status), so a job seen ended answers the same status when queried again.
 */
async function stillEnded({ ctx, show, caller, projectId, jobId }: Watching, watch: JobWatch): Promise<JobWatch> {
  const ended = (watch.last?.response.body as JobBody | undefined)?.status;
  if (watch.error || watch.last?.response.status !== 200 || (ended !== 'SUCCESS' && ended !== 'FAIL')) return watch;
  const reply = await ctx.call(show, { as: caller }, { params: { project_id: projectId, job_id: jobId } });
  if (!reply.ok) return { ...watch, error: reply.message };
  const again = reply.exchange.response.body as JobBody | undefined;
  if (reply.exchange.response.status === 200 && again?.status !== ended) {
    watch.exchanges.push(reply.exchange);
    watch.findings.push(
      jobFinding(
        reply.exchange,
        'job left its end state',
        `Job ${jobId} was ${ended}, but the next query answered ${JSON.stringify(again?.status)}.`,
        'Keep a job that ended SUCCESS or FAIL in that state.',
      ),
    );
  }
  return watch;
}

/** A job that ended: the images it names, and a finding when it ended FAIL. */
function recordEnd(watch: JobWatch, exchange: Exchange, job: JobBody, jobId: string): void {
  const entities = job.entities ?? {};
  if (typeof entities.image_id === 'string') watch.imageIds.push(entities.image_id);
  for (const sub of (entities.sub_jobs_result as { entities?: { image_id?: unknown } }[] | undefined) ?? [])
    if (typeof sub.entities?.image_id === 'string') watch.imageIds.push(sub.entities.image_id);
  if (job.status === 'FAIL')
    watch.findings.push(
      jobFinding(
        exchange,
        'job failed',
        `Job ${jobId} ended FAIL (${job.error_code ?? ''} ${job.fail_reason ?? ''}) for a valid request.`,
        'Finish valid requests with SUCCESS, or reject them up front with a 4xx.',
      ),
    );
  if (!watch.exchanges.includes(exchange)) watch.exchanges.push(exchange);
}
