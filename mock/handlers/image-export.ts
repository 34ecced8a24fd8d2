import type { Handler } from '../context.js';
import { isResponse } from '../http/responses.js';
import { bodyOf } from './action-body.js';
import { callerProject } from './caller-scope.js';
import { accepted } from './creation-jobs.js';
import { imsFail, splitObs } from './fixture-checks.js';
import { requireImage } from './image-access.js';

const EXPORT_LIMIT_BYTES = 128 * 1024 ** 3;

/**
 * POST /v1/cloudimages/{image_id}/file: exports the caller's own active image to `bucket:file`. The bucket must
 * be accessible (IMG.0069) and the file must not exist yet (IMG.0070); the file exists once the job succeeds.
 */
export const exportImage: Handler = (ctx) => {
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
