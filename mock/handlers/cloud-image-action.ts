import type { Handler, RequestContext } from '../context.js';
import { isResponse, type MockResponse } from '../http/responses.js';
import { type Body, bodyOf, int, str } from './action-body.js';
import { ownership, submitCreation } from './creation-jobs.js';
import { checkObsFile, checkVolume, findServer, imsFail } from './fixture-checks.js';
import { dataExtra, type ImagePlan, systemPlan } from './image-plans.js';
import { belowDiskFloor, osFacts, pseudoSize, tagsFrom } from './new-image-attributes.js';

/** POST /v2/cloudimages/action: a system image from an ECS, an OBS file or a disk, with or without data images. */

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
    return {
      ...base,
      minDisk: 40,
      size: pseudoSize(volumeId),
      extra: dataExtra(osType, it.description, `volume,${volumeId}`),
      subJobType: 'imsCopyVolumeToImageJob',
    };
  }
  const url = str(it.image_url);
  if (url === undefined) return imsFail(ctx, 'IMG.0001', 'A data image needs volume_id, or image_url and min_disk.');
  const bad = checkObsFile(ctx, url);
  if (bad) return bad;
  return {
    ...base,
    minDisk: int(it.min_disk) ?? 40,
    size: pseudoSize(url),
    extra: dataExtra(osType, it.description, `file,${url}`),
    subJobType: 'imsImportDataImageJob',
  };
}

/**
 * The scenario follows the fields, in the documents' order: `instance_id` (a stopped ECS; with `data_images`
 * also data images), `image_url` + `min_disk` (an OBS file), `volume_id` + `os_version` (a disk), else
 * `data_images` only.
 */
export const createCloudImage: Handler = (ctx) => {
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
    if (server.status !== 'SHUTOFF')
      return imsFail(ctx, 'IMG.0008', `The ECS ${server.id} cannot be used to create images because it is not in stopped state.`);
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
