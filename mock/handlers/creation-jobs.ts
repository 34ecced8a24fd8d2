import { randomUUID } from 'node:crypto';
import type { MockState, RequestContext } from '../context.js';
import { json, type MockResponse } from '../http/responses.js';
import type { ImageRecord } from '../store/images.js';
import { jobLikeId, type JobEntities } from '../store/jobs.js';
import type { Body } from './action-body.js';
import { callerProject, enterpriseProjectForNewImage } from './caller-scope.js';
import type { ImagePlan } from './image-plans.js';

/**
 * The job behind every image-creating action: the request is accepted with 200 `{"job_id"}`, the job runner
 * finishes the job after `jobDelayMs`, and only then do the images it makes appear in the store.
 */

/** Who the images of one request belong to, fixed when the request is accepted. */
export interface Ownership {
  project: string;
  enterpriseProjectId: string;
  createdBy: string | null;
}

/** A `sub_jobs_result` item (the SubJob schema). */
interface SubJobResult {
  status: 'SUCCESS';
  job_id: string;
  job_type: string;
  begin_time: string;
  end_time: string;
  error_code: null;
  fail_reason: null;
  entities: { image_id: string; image_name: string };
}

type Entities = JobEntities & { sub_jobs_result?: SubJobResult[]; sub_jobs_list?: string[] };

export function ownership(ctx: RequestContext, body: Body): Ownership | MockResponse {
  const enterpriseProjectId = enterpriseProjectForNewImage(ctx, body.enterprise_project_id);
  if (typeof enterpriseProjectId !== 'string') return enterpriseProjectId;
  return { project: callerProject(ctx), enterpriseProjectId, createdBy: ctx.caller?.user.id ?? null };
}

export const accepted = (jobId: string): MockResponse => json(200, { job_id: jobId });

function createImageFrom(state: MockState, owner: Ownership, plan: ImagePlan): ImageRecord {
  const { subJobType: _subJobType, ...fields } = plan;
  return state.images.create({
    visibility: 'private',
    diskFormat: 'zvhd2',
    containerFormat: 'bare',
    ...fields,
    status: 'active',
    owner: owner.project,
    enterpriseProjectId: owner.enterpriseProjectId,
    createdBy: owner.createdBy,
    // Delayed appearance: the job reports the image before the API shows it.
    appearsAt: state.options.appearDelayMs > 0 ? Date.now() + state.options.appearDelayMs : 0,
  });
}

/** Each data image reported as a successful sub-job that ran from `begin` until now. */
function subJobResults(dataImages: { plan: ImagePlan; image: ImageRecord }[], begin: string): SubJobResult[] {
  const end = new Date().toISOString();
  return dataImages.map(({ plan, image }) => ({
    status: 'SUCCESS',
    job_id: jobLikeId(),
    job_type: plan.subJobType,
    begin_time: begin,
    end_time: end,
    error_code: null,
    fail_reason: null,
    entities: { image_id: image.id, image_name: image.name },
  }));
}

/**
 * Submits a job that creates a system image and/or data images when it finishes. Entities name the system
 * image (or the first data image); with data images each one is also reported as a sub-job.
 */
export function submitCreation(ctx: RequestContext, type: string, owner: Ownership, system: ImagePlan | undefined, data: ImagePlan[]): MockResponse {
  const { state } = ctx;
  const begin = new Date().toISOString();
  const job = state.jobs.submit({
    type,
    projectId: owner.project,
    complete: () => {
      // The fault makes the system image under a name of its own instead of the one the request gave.
      const named = system && state.faults.has('job-image-name-ignored') ? { ...system, name: `image-${jobLikeId()}` } : system;
      const made = named ? createImageFrom(state, owner, named) : undefined;
      const dataImages = data.map((plan) => ({ plan, image: createImageFrom(state, owner, plan) }));
      const first = made ?? dataImages[0]?.image;
      if (!first) return { errorCode: 'IMG.0014', failReason: 'The job had no image to create.' };
      const entities: Entities = { image_id: first.id, image_name: first.name };
      // The job's SUCCESS names an image that does not exist: the one it made is gone, the id it gives never was.
      if (state.faults.has('job-image-missing')) {
        state.images.delete(first);
        entities.image_id = randomUUID();
      }
      // The fault job-image-unnamed: the images are made, but the SUCCESS job names none of them.
      if (state.faults.has('job-image-unnamed')) return { entities: {} };
      if (dataImages.length > 0) {
        entities.sub_jobs_result = subJobResults(dataImages, begin);
        entities.sub_jobs_list = entities.sub_jobs_result.map((s) => s.job_id);
      }
      return { entities };
    },
  });
  return accepted(job.id);
}
