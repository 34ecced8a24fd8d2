import { randomUUID } from 'node:crypto';
import type { Handler, MockState, RequestContext } from '../context.js';
import { isResponse, json, type MockResponse } from '../http/responses.js';
import type { ImageRecord, NewImage } from '../store/images.js';
import { jobLikeId, type JobEntities } from '../store/jobs.js';
import { callerProject, enterpriseProjectForNewImage } from './caller-scope.js';
import { checkObsFile, checkVolume, findServer, imsFail, splitObs } from './fixture-checks.js';
import { requireImage } from './image-access.js';
import { belowDiskFloor, commonExtra, osFacts, pseudoSize, systemEnvType, tagsFrom } from './new-image-attributes.js';

/**
 * The asynchronous IMS actions. Each one checks synchronously what the schema cannot (fixtures: servers,
 * volumes, backups, vaults, OBS objects and buckets; image state) and answers 200 `{"job_id"}`. The job runner
 * finishes the job after `jobDelayMs`; only then do the images it makes appear in the store.
 */

type Body = Record<string, unknown>;

/** The schema has checked the body; under the invalid-input-accepted fault it may be anything, so read it defensively. */
const bodyOf = (ctx: RequestContext): Body => (ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Body) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/** Who the images of one request belong to, fixed when the request is accepted. */
interface Ownership {
  project: string;
  enterpriseProjectId: string;
  createdBy: string | null;
}

/** One image a job will create, and the sub-job type it is reported under when the job makes several. */
type ImagePlan = Omit<NewImage, 'owner' | 'enterpriseProjectId' | 'createdBy' | 'status'> & { name: string; subJobType: string };

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

function ownership(ctx: RequestContext, body: Body): Ownership | MockResponse {
  const enterpriseProjectId = enterpriseProjectForNewImage(ctx, body.enterprise_project_id);
  if (typeof enterpriseProjectId !== 'string') return enterpriseProjectId;
  return { project: callerProject(ctx), enterpriseProjectId, createdBy: ctx.caller?.user.id ?? null };
}

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

const accepted = (jobId: string): MockResponse => json(200, { job_id: jobId });

/**
 * Submits a job that creates a system image and/or data images when it finishes. Entities name the system
 * image (or the first data image); with data images each one is also reported as a sub-job.
 */
function submitCreation(ctx: RequestContext, type: string, owner: Ownership, system: ImagePlan | undefined, data: ImagePlan[]): MockResponse {
  const { state } = ctx;
  const begin = new Date().toISOString();
  const job = state.jobs.submit({
    type,
    projectId: owner.project,
    complete: () => {
      const made = system ? createImageFrom(state, owner, system) : undefined;
      const dataImages = data.map((plan) => ({ plan, image: createImageFrom(state, owner, plan) }));
      const first = made ?? dataImages[0]?.image;
      if (!first) return { errorCode: 'IMG.0014', failReason: 'The job had no image to create.' };
      const entities: Entities = { image_id: first.id, image_name: first.name };
      // The job's SUCCESS names an image that does not exist: the one it made is gone, the id it gives never was.
      if (state.faults.has('job-image-missing')) {
        state.images.delete(first);
        entities.image_id = randomUUID();
      }
      if (dataImages.length > 0) {
        const end = new Date().toISOString();
        entities.sub_jobs_result = dataImages.map(({ plan, image }) => ({
          status: 'SUCCESS',
          job_id: jobLikeId(),
          job_type: plan.subJobType,
          begin_time: begin,
          end_time: end,
          error_code: null,
          fail_reason: null,
          entities: { image_id: image.id, image_name: image.name },
        }));
        entities.sub_jobs_list = entities.sub_jobs_result.map((s) => s.job_id);
      }
      return { entities };
    },
  });
  return accepted(job.id);
}

/** A data image's extension attributes: its OS type (Linux unless told), description and where it came from. */
function dataExtra(osType: unknown, description: unknown, origin: string): Record<string, string> {
  return {
    __os_type: osType === 'Windows' ? 'Windows' : 'Linux',
    ...(typeof description === 'string' ? { __description: description } : {}),
    __data_origin: origin,
  };
}

/** One `data_images` item: from a data disk of the caller's project, or from an OBS data-disk file. */
function planDataImage(ctx: RequestContext, project: string, item: unknown, osType: unknown): ImagePlan | MockResponse {
  const it = (item !== null && typeof item === 'object' ? item : {}) as Body;
  const name = str(it.name);
  if (!name) return imsFail(ctx, 'IMG.0013', 'The image name is not specified.');
  const base = { name, tags: tagsFrom(it), virtualEnvType: 'DataImage' as const };
  if (it.volume_id !== undefined) {
    const bad = checkVolume(ctx, project, it.volume_id, 'data');
    if (bad) return bad;
    const volumeId = String(it.volume_id);
    return { ...base, minDisk: 40, size: pseudoSize(volumeId), extra: dataExtra(osType, it.description, `volume,${volumeId}`), subJobType: 'imsCopyVolumeToImageJob' };
  }
  const url = str(it.image_url);
  if (url === undefined) return imsFail(ctx, 'IMG.0001', 'A data image needs volume_id, or image_url and min_disk.');
  const bad = checkObsFile(ctx, url);
  if (bad) return bad;
  return { ...base, minDisk: int(it.min_disk) ?? 40, size: pseudoSize(url), extra: dataExtra(osType, it.description, `file,${url}`), subJobType: 'imsImportDataImageJob' };
}

/** Fields every system image made by these actions shares. */
function systemPlan(body: Body, name: string, source: string, os: Record<string, string>, more: Partial<ImagePlan> = {}): ImagePlan {
  return {
    name,
    tags: tagsFrom(body),
    minRam: int(body.min_ram) ?? 0,
    minDisk: 40,
    size: pseudoSize(source),
    virtualEnvType: systemEnvType(body.type),
    subJobType: 'imsCreateImageJob',
    ...more,
    extra: { ...os, ...commonExtra(body), ...more.extra },
  };
}

/**
 * POST /v2/cloudimages/action. The scenario follows the fields, in the documents' order: `instance_id` (a
 * stopped ECS; with `data_images` also data images), `image_url` + `min_disk` (an OBS file), `volume_id` +
 * `os_version` (a disk), else `data_images` only.
 */
const createCloudImage: Handler = (ctx) => {
  const body = bodyOf(ctx);
  const owner = ownership(ctx, body);
  if (isResponse(owner)) return owner;
  const { project } = owner;
  const data: ImagePlan[] = [];
  for (const item of Array.isArray(body.data_images) ? body.data_images : []) {
    const plan = planDataImage(ctx, project, item, body.os_type);
    if (isResponse(plan)) return plan;
    data.push(plan);
  }
  const name = str(body.name);
  const systemSource = body.instance_id ?? body.image_url ?? body.volume_id;
  if (systemSource !== undefined && !name) return imsFail(ctx, 'IMG.0013', 'The image name is not specified.');

  if (body.instance_id !== undefined) {
    const server = findServer(ctx, project, body.instance_id);
    if (isResponse(server)) return server;
    if (server.status !== 'SHUTOFF') return imsFail(ctx, 'IMG.0008', `The ECS ${server.id} cannot be used to create images because it is not in stopped state.`);
    const system = systemPlan(body, name ?? '', server.id, osFacts(undefined), { extra: { __data_origin: `instance,${server.id}` } });
    return submitCreation(ctx, 'imsCreateImageByInstance', owner, system, data);
  }
  if (body.image_url !== undefined) {
    const url = String(body.image_url);
    const bad = belowDiskFloor(ctx, body.min_disk) ?? checkObsFile(ctx, url);
    if (bad) return bad;
    const os = osFacts(str(body.os_version), str(body.os_type));
    const system = systemPlan(body, name ?? '', url, os, { minDisk: int(body.min_disk) ?? 40, extra: { __data_origin: `file,${url}` } });
    return submitCreation(ctx, 'imsImportImageJob', owner, system, data);
  }
  if (body.volume_id !== undefined) {
    const bad = checkVolume(ctx, project, body.volume_id);
    if (bad) return bad;
    const volumeId = String(body.volume_id);
    const system = systemPlan(body, name ?? '', volumeId, osFacts(str(body.os_version), str(body.os_type)), { extra: { __data_origin: `volume,${volumeId}` } });
    return submitCreation(ctx, 'imsVolumeCreateImageJob', owner, system, data);
  }
  if (data.length > 0) return submitCreation(ctx, 'imsVolumesToSysDataImagesJob', owner, undefined, data);
  return imsFail(ctx, 'IMG.0001', 'Give instance_id, image_url and min_disk, volume_id and os_version, or data_images.');
};

/** The disk format a quick import keeps: RAW stays raw, everything else is ZVHD2. */
const quickFormat = (url: string): string => (/\.raw$/i.test(url) ? 'raw' : 'zvhd2');

/** What both OBS-file imports start from: the body, the new image's owner, an existing file and a name. */
function obsFileRequest(ctx: RequestContext): { body: Record<string, unknown>; owner: Ownership; url: string; name: string } | MockResponse {
  const body = bodyOf(ctx);
  const owner = ownership(ctx, body);
  if (isResponse(owner)) return owner;
  const url = String(body.image_url ?? '');
  const bad = checkObsFile(ctx, url);
  if (bad) return bad;
  const name = str(body.name);
  if (!name) return imsFail(ctx, 'IMG.0013', 'The image name is not specified.');
  return { body, owner, url, name };
}

/** POST /v2/cloudimages/quickimport/action: a system image (ECS → FusionCompute, BMS → Ironic) or a data image. */
const quickImportCloudImage: Handler = (ctx) => {
  const request = obsFileRequest(ctx);
  if (isResponse(request)) return request;
  const { body, owner, url, name } = request;
  // The Python SDK makes os_version required for every quick import, OTC only for system images.
  if (body.os_version === undefined && ctx.state.readings.alternative('quick-import-os-version'))
    return imsFail(ctx, 'IMG.0001', 'os_version is required.');
  const minDisk = int(body.min_disk) ?? 40;
  if (body.type === 'DataImage') {
    const plan: ImagePlan = {
      name,
      tags: tagsFrom(body),
      minDisk,
      size: pseudoSize(url),
      diskFormat: quickFormat(url),
      virtualEnvType: 'DataImage',
      extra: { ...commonExtra(body), ...dataExtra(body.os_type, body.description, `file,${url}`) },
      subJobType: 'imsImportDataImageJob',
    };
    return submitCreation(ctx, 'imsImportDataImageJob', owner, plan, []);
  }
  const floor = belowDiskFloor(ctx, body.min_disk);
  if (floor) return floor;
  const os = osFacts(str(body.os_version), str(body.os_type));
  const plan = systemPlan(body, name, url, os, { minDisk, diskFormat: quickFormat(url), extra: { __data_origin: `file,${url}` } });
  return submitCreation(ctx, 'imsImportImageJob', owner, plan, []);
};

/** POST /v1/cloudimages/dataimages/action: a data image from an OBS file. */
const createDataImage: Handler = (ctx) => {
  const request = obsFileRequest(ctx);
  if (isResponse(request)) return request;
  const { body, owner, url, name } = request;
  const plan: ImagePlan = {
    name,
    tags: tagsFrom(body),
    minDisk: int(body.min_disk) ?? 40,
    size: pseudoSize(url),
    virtualEnvType: 'DataImage',
    extra: { ...commonExtra(body), ...dataExtra(body.os_type, body.description, `file,${url}`) },
    subJobType: 'imsImportDataImageJob',
  };
  return submitCreation(ctx, 'imsImportDataImageJob', owner, plan, []);
};

/**
 * POST /v1/cloudimages/wholeimages/action: a full-ECS image from an ECS (running or stopped, as the IMS user
 * guide allows; with CBR a `vault_id` that exists) or from a CSBS/CBR backup of the caller's project.
 */
const createWholeImage: Handler = (ctx) => {
  const body = bodyOf(ctx);
  const owner = ownership(ctx, body);
  if (isResponse(owner)) return owner;
  const { project } = owner;
  const name = str(body.name);
  if (!name) return imsFail(ctx, 'IMG.0013', 'The image name is not specified.');
  const { fixtures } = ctx.state;
  const whole = { __whole_image: 'true' };

  if (body.instance_id !== undefined) {
    const server = findServer(ctx, project, body.instance_id);
    if (isResponse(server)) return server;
    if (server.status !== 'SHUTOFF' && server.status !== 'ACTIVE')
      return imsFail(ctx, 'IMG.0126', `The ECS ${server.id} in its current state (${server.status}) cannot be used to create a full-ECS image.`);
    const vaultId = str(body.vault_id);
    if (body.whole_image_type === 'CBR' && vaultId === undefined) return imsFail(ctx, 'IMG.0001', 'vault_id is required to create a full-ECS image with CBR.');
    if (vaultId !== undefined && !fixtures.vaults.has(vaultId)) return imsFail(ctx, 'IMG.0184', `Failed to obtain the vault ${vaultId}.`);
    const system = systemPlan(body, name, server.id, osFacts(undefined), { virtualEnvType: 'FusionCompute', extra: { ...whole, __data_origin: `instance,${server.id}` } });
    return submitCreation(ctx, 'imsCreateWholeImageByInstanceJob', owner, system, []);
  }

  const backupId = str(body.backup_id);
  const backup = backupId === undefined ? undefined : fixtures.backups.get(backupId);
  if (!backup || backup.projectId !== project) return imsFail(ctx, 'IMG.0020', `The backup ${String(backupId)} does not exist.`);
  // Judgement: an absent whole_image_type takes the backup's own kind; a stated one must match it.
  if (body.whole_image_type !== undefined && body.whole_image_type !== backup.kind)
    return imsFail(ctx, 'IMG.0198', `Backup ${backup.id} does not match the backup type ${String(body.whole_image_type)}.`);
  const system = systemPlan(body, name, backup.id, osFacts(undefined), { virtualEnvType: 'FusionCompute', extra: { ...whole, __backup_id: backup.id } });
  return submitCreation(ctx, 'imsCreateWholeImageByBackupJob', owner, system, []);
};

/**
 * PUT /v1/cloudimages/{image_id}/upload: imports an OBS file into the caller's own `queued` image. The image is
 * `saving` while the job runs and turns `active` with a size when it succeeds.
 */
const registerImage: Handler = (ctx) => {
  const found = requireImage(ctx, 'own');
  if (isResponse(found)) return found;
  const { image } = found;
  if (image.status !== 'queued') return imsFail(ctx, 'IMG.0046', `The image is unavailable for registration: it is ${image.status}, not queued.`);
  const url = String(bodyOf(ctx).image_url ?? '');
  const bad = checkObsFile(ctx, url);
  if (bad) return bad;
  const { state } = ctx;
  image.status = 'saving';
  state.images.touch(image);
  const job = state.jobs.submit({
    type: 'imsNativeImportImageJob',
    projectId: callerProject(ctx),
    complete: () => {
      const current = state.images.get(image.id);
      if (!current || current.status !== 'saving') return { errorCode: 'IMG.1075', failReason: `Failed to register the image file: image ${image.id} is gone or no longer saving.` };
      current.status = 'active';
      current.size = pseudoSize(url);
      current.diskFormat ??= 'zvhd2';
      current.containerFormat ??= 'bare';
      current.extra.__image_location = url;
      state.images.touch(current);
      return { entities: { image_id: current.id, image_name: current.name } };
    },
  });
  return accepted(job.id);
};

const EXPORT_LIMIT_BYTES = 128 * 1024 ** 3;

/**
 * POST /v1/cloudimages/{image_id}/file: exports the caller's own active image to `bucket:file`. The bucket must
 * be accessible (IMG.0069) and the file must not exist yet (IMG.0070); the file exists once the job succeeds.
 */
const exportImage: Handler = (ctx) => {
  const found = requireImage(ctx, 'own');
  if (isResponse(found)) return found;
  const { image } = found;
  if (image.status !== 'active') return imsFail(ctx, 'IMG.0046', `The image is unavailable for export: it is ${image.status}.`);
  if (image.extra.__whole_image === 'true') return imsFail(ctx, 'IMG.0128', 'The full-ECS image cannot be exported.');
  if (image.virtualEnvType === 'IsoImage') return imsFail(ctx, 'IMG.0167', 'This operation cannot be performed for ISO images.');
  const body = bodyOf(ctx);
  if (body.is_quick_export !== true && (image.size ?? 0) > EXPORT_LIMIT_BYTES) return imsFail(ctx, 'IMG.0160', 'Only images less than 128 GB can be exported.');
  const url = String(body.bucket_url ?? '');
  const { bucket, object } = splitObs(url);
  const { state } = ctx;
  if (!state.fixtures.buckets.has(bucket)) return imsFail(ctx, 'IMG.0069', `The specified bucket ${bucket} cannot be accessed.`);
  if (!object) return imsFail(ctx, 'IMG.0073', 'The name of the exported file is empty.');
  if (state.fixtures.obsObjects.has(url)) return imsFail(ctx, 'IMG.0070', `The image file ${url} already exists.`);
  const job = state.jobs.submit({
    type: 'imsNativeExportImageJob',
    projectId: callerProject(ctx),
    complete: () => {
      // Another export may have written the same file meanwhile.
      if (state.fixtures.obsObjects.has(url)) return { errorCode: 'IMG.0070', failReason: `The image file ${url} already exists.` };
      if (!state.images.get(image.id)) return { errorCode: 'IMG.0027', failReason: `Image ${image.id} was deleted during the export.` };
      state.fixtures.obsObjects.add(url);
      return { entities: { image_id: image.id, image_name: image.name } };
    },
  });
  return accepted(job.id);
};

export const asyncActionHandlers: Record<string, Handler> = {
  createCloudImage,
  quickImportCloudImage,
  createDataImage,
  createWholeImage,
  registerImage,
  exportImage,
};
