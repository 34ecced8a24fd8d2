import type { Handler } from '../context.js';
import { empty, errorFor, isResponse } from '../http/responses.js';
import { requireImage } from './image-access.js';

/**
 * Uploads up to this size are kept for downloads: enough for every upload the suite makes, while a long mock
 * run of large uploads (64 MiB each may arrive) does not grow without bound.
 */
export const KEPT_DATA_BYTES = 1024 * 1024;

/** The bytes an upload leaves for downloads: a copy (the request buffer is not ours), or none beyond the bound. */
export const keptData = (data: Buffer): Buffer | undefined => (data.length <= KEPT_DATA_BYTES ? Buffer.from(data) : undefined);

/**
 * GET /v2/images/{id}/file (Glance "Download binary image data"): 200 with the data and its MD5 as
 * `Content-MD5` (Glance sends the image's hex checksum), 204 for an image without data, 404 as for showImage.
 * The `download-bytes-wrong` fault serves the data with its first byte altered (the header still of the original).
 */
const downloadImageFile: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image } = found;
  if (image.status === 'queued' || image.size === null) return empty(204);
  // Data above the keeping bound is gone: Glance answers 503 when its store cannot serve an image's data.
  if (!image.data) return errorFor(ctx.op.endpoint, 503, 'IMG.0001', 'The image data is not available.');
  const body = ctx.state.faults.has('download-bytes-wrong') ? altered(image.data) : image.data;
  return { status: 200, body, headers: { 'content-type': 'application/octet-stream', ...(image.checksum ? { 'content-md5': image.checksum } : {}) } };
};

/** The data with its first byte flipped (an empty image gets one byte): the same length, other bytes. */
function altered(data: Buffer): Buffer {
  const copy = Buffer.from(data.length > 0 ? data : Buffer.alloc(1));
  copy[0] = (copy[0] ?? 0) ^ 0xff;
  return copy;
}

export const imageDataHandlers: Record<string, Handler> = { downloadImageFile };
