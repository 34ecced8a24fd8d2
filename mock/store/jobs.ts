import { randomUUID } from 'node:crypto';

/** Job and sub-job ids look like IMS's: 32 hex characters. */
export const jobLikeId = (): string => randomUUID().replace(/-/g, '');

export type JobStatus = 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';

export interface JobEntities {
  image_id?: string;
  image_name?: string;
  process_percent?: number;
  results?: { image_id: string; project_id?: string; status: string }[];
}

export interface JobRecord {
  id: string;
  type: string;
  projectId: string;
  status: JobStatus;
  beginTime: string;
  endTime: string | null;
  errorCode: string | null;
  failReason: string | null;
  entities: JobEntities;
}

export interface JobPlan {
  type: string;
  projectId: string;
  /** Runs when the job finishes: returns the entities on success, or an IMS error code and reason. */
  complete: () => { entities: JobEntities } | { errorCode: string; failReason: string };
  entities?: JobEntities;
  /** How long this job takes, when not the runner's usual delay. */
  delayMs?: number;
}

/**
 * Asynchronous jobs. A job is INIT when accepted, RUNNING after half the delay, and SUCCESS or FAIL after the
 * full delay, when its effect (a new image, member changes) happens. Timers are unref'd and cleared on close.
 */
export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly delayMs: () => number,
    /** A fault can stop jobs from ever finishing. */
    private readonly finishing: () => boolean = () => true,
  ) {}

  submit(plan: JobPlan): JobRecord {
    const job: JobRecord = {
      id: jobLikeId(),
      type: plan.type,
      projectId: plan.projectId,
      status: 'INIT',
      beginTime: new Date().toISOString(),
      endTime: null,
      errorCode: null,
      failReason: null,
      entities: plan.entities ?? {},
    };
    this.jobs.set(job.id, job);
    const delay = plan.delayMs ?? this.delayMs();
    this.later(delay / 2, () => {
      // Node runs due timers list by list (one list per duration), so under load this step can come after the
      // end: a finished job must not go back to RUNNING (it would never finish again, its images never reported).
      if (job.status !== 'INIT') return;
      job.status = 'RUNNING';
      job.entities.process_percent = 50;
    });
    this.later(delay, () => {
      if (!this.finishing()) return;
      const outcome = plan.complete();
      job.endTime = new Date().toISOString();
      if ('errorCode' in outcome) {
        job.status = 'FAIL';
        job.errorCode = outcome.errorCode;
        job.failReason = outcome.failReason;
      } else {
        job.status = 'SUCCESS';
        job.entities = { ...job.entities, ...outcome.entities, process_percent: 100 };
      }
    });
    return job;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
