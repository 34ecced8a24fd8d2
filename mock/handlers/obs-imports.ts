import type { Handler, RequestContext } from '../context.js';
import { isResponse, type MockResponse } from '../http/responses.js';
import { type Body, bodyOf, int, str } from './action-body.js';
import { callerProject } from './caller-scope.js';
import { accepted, type Ownership, ownership, submitCreation } from './creation-jobs.js';
import { checkObsFile, imsFail } from './fixture-checks.js';
import { requireImage } from './image-access.js';
import { obsDataImagePlan, systemPlan } from './image-plans.js';
import { belowDiskFloor, osFacts, pseudoSize } from './new-image-attributes.js';

/** The actions that import an image file from OBS: quick import, a data image, and registering a queued image. */

/** The disk format a quick import keeps: RAW stays raw, everything else is ZVHD2. */
const quickFormat = (url: string): string => (/\.raw$/i.test(url) ? 'raw' : 'zvhd2');

/** What both OBS-file imports start from: the body, the new image's owner, an existing file and a name. */
function obsFileRequest(ctx: RequestContext): { body: Body; owner: Ownership; url: string; name: string } | MockResponse {
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
export const quickImportCloudImage: Handler = (ctx) => {
  const request = obsFileRequest(ctx);
  if (isResponse(request)) return request;
  const { body, owner, url, name } = request;
  // The Python SDK makes os_version required for every quick import, OTC only for system images.
  if (body.os_version === undefined && ctx.state.readings.alternative('quick-import-os-version')) return imsFail(ctx, 'IMG.0001', 'os_version is required.');
  if (body.type === 'DataImage') {
    const plan = { ...obsDataImagePlan(body, name, url), diskFormat: quickFormat(url) };
    return submitCreation(ctx, 'imsImportDataImageJob', owner, plan, []);
  }
  const floor = belowDiskFloor(ctx, body.min_disk);
  if (floor) return floor;
  const os = osFacts(str(body.os_version), str(body.os_type));
  const plan = systemPlan(body, name, url, os, { minDisk: int(body.min_disk) ?? 40, diskFormat: quickFormat(url), extra: { __data_origin: `file,${url}` } });
  return submitCreation(ctx, 'imsImportImageJob', owner, plan, []);
};

/** POST /v1/cloudimages/dataimages/action: a data image from an OBS file. */
export const createDataImage: Handler = (ctx) => {
  const request = obsFileRequest(ctx);
  if (isResponse(request)) return request;
  const { body, owner, url, name } = request;
  return submitCreation(ctx, 'imsImportDataImageJob', owner, obsDataImagePlan(body, name, url), []);
};

/**
 * PUT /v1/cloudimages/{image_id}/upload: imports an OBS file into the caller's own `queued` image. The image is
 * `saving` while the job runs and turns `active` with a size when it succeeds.
 */
export const registerImage: Handler = (ctx) => {
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
      if (!current || current.status !== 'saving')
        return { errorCode: 'IMG.1075', failReason: `Failed to register the image file: image ${image.id} is gone or no longer saving.` };
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
