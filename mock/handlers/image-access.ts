import type { RequestContext } from '../context.js';
import { empty, errorFor, isResponse, type MockResponse } from '../http/responses.js';
import type { ImageRecord } from '../store/images.js';
import { visibleImage, type Relation } from '../store/visibility.js';
import { speaksErrorTable } from '../http/ims-error-table.js';
import { callerProject } from './caller-scope.js';

/**
 * How a handler reaches the image its path names: what a caller who may not see it is told, what one who may see
 * but not own it is told, and the delete of one's own image that the v2 and v1.1 calls share.
 */

/**
 * The status of IMG.0027 (no such image): 404, or on the IMS-native /cloudimages calls of the alternative
 * variant 400, the status the IMS error-code table gives every IMG code.
 */
export function imageNotFoundStatus(ctx: RequestContext): number {
  return ctx.op.path.includes('/cloudimages') && ctx.state.readings.alternative('cloudimages-unknown-image') ? 400 : 404;
}

/** 404 for an image the caller cannot see (IMG.0027); the unknown-id-403 fault answers 403 for ids that never existed. */
export function imageNotFound(ctx: RequestContext, id: string | undefined): MockResponse {
  if (ctx.state.faults.has('unknown-id-403') && id !== undefined && !ctx.state.images.getAny(id))
    return errorFor(ctx.op.endpoint, 403, 'IMG.0026', 'Forbidden.');
  return errorFor(ctx.op.endpoint, imageNotFoundStatus(ctx), 'IMG.0027', `No image found with ID ${id ?? ''}.`);
}

/**
 * The image named by the `image_id` path parameter, if the caller may see it and (when `need` says so) owns
 * it. A visible image the caller does not own answers 403, an invisible one 404 (Glance's rule: strangers
 * learn nothing).
 */
export function requireImage(ctx: RequestContext, need: 'see' | 'own'): { image: ImageRecord; relation: Relation } | MockResponse {
  const id = ctx.params.image_id;
  const found = visibleImage(ctx, id);
  if (!found) return need === 'own' ? strangerChange(ctx, id) : imageNotFound(ctx, id);
  if (need === 'own' && found.relation !== 'owner') return errorFor(ctx.op.endpoint, 403, 'IMG.0047', 'You do not own this image.');
  return found;
}

/**
 * A change to an image the caller cannot see. IMS documents owner-only codes for it (the error-situation table's
 * `stranger-changes`): the ims-errors personality answers another project's live image with 400 IMG.0092 (delete)
 * or IMG.0106 (any other change); everything else, and the other personalities, with not-found.
 */
function strangerChange(ctx: RequestContext, id: string | undefined): MockResponse {
  const image = id === undefined ? undefined : ctx.state.images.get(id);
  if (!image || !speaksErrorTable(ctx.state) || image.owner === callerProject(ctx)) return imageNotFound(ctx, id);
  return ctx.op.method === 'delete'
    ? errorFor(ctx.op.endpoint, 400, 'IMG.0092', 'The image can only be deleted by the owner.')
    : errorFor(ctx.op.endpoint, 400, 'IMG.0106', 'The image owner is another tenant.');
}

/**
 * Deletes the caller's own image (soft delete; v2 and the deprecated v1.1 call behave alike). Judgement: a
 * protected image answers 403 (upstream Glance) with IMS's IMG.0028; public images are never the caller's to delete.
 */
export function deleteOwnImage(ctx: RequestContext): MockResponse {
  const found = requireImage(ctx, 'own');
  if (isResponse(found)) return found;
  const { image } = found;
  if (image.deleted) return empty(204);
  if (image.protected && !ctx.state.faults.has('protected-deletable'))
    return errorFor(ctx.op.endpoint, 403, 'IMG.0028', `Image ${image.id} is protected and cannot be deleted.`);
  if (image.visibility === 'public') return errorFor(ctx.op.endpoint, 403, 'IMG.0094', 'Public images cannot be deleted.');
  // Delayed-appearance mode: an image still being made refuses deletion (IMG.0090; Glance's 409 Conflict).
  if (ctx.state.options.appearDelayMs > 0 && image.status === 'saving')
    return errorFor(ctx.op.endpoint, 409, 'IMG.0090', `Image ${image.id} is still being created and cannot be deleted yet.`);
  ctx.state.images.delete(image);
  return empty(204);
}
