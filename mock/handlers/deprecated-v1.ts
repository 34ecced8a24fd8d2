import type { Handler } from '../context.js';
import { empty, errorFor, isResponse, json } from '../http/responses.js';
import type { ImageRecord } from '../store/images.js';
import { sortImages } from '../store/list-query.js';
import { listedImages } from '../store/visibility.js';
import { renderV1Image, v1MetaHeaders } from '../views/v1-image-view.js';
import { callerProject } from './caller-scope.js';
import { deleteOwnImage, requireImage } from './image-access.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A `size_min`/`size_max` bound; the spec's pattern already holds it to digits. */
function bound(value: unknown): number | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** An ISO 8601 time; a time without zone is UTC (Glance normalizes so), not this machine's local time. */
function parseIsoTime(value: string): number {
  const iso = value.trim().replace(' ', 'T');
  return Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso) ? `${iso}Z` : iso);
}

/**
 * GET /v1.1/images/detail: what the caller can see (its own, public, accepted shares), newest first. With
 * `changes-since`, only images updated after that time, and then also the caller's soft-deleted images with
 * `deleted: true` (Glance v1's way to tell a client what went away). Exact filters: name, container_format,
 * disk_format, status; size_min/size_max leave out images without a size, as Glance's SQL comparison did.
 */
const listImagesV11: Handler = (ctx) => {
  const { query, state } = ctx;
  const project = callerProject(ctx);
  let candidates: ImageRecord[] = listedImages(ctx);
  const changesSince = text(query['changes-since']);
  if (changesSince !== undefined) {
    const since = parseIsoTime(changesSince);
    if (Number.isNaN(since)) return errorFor(ctx.op.endpoint, 400, 'IMG.0001', `Unrecognized changes-since value: ${changesSince}`);
    const deleted = state.images.listIncludingDeleted().filter((i) => i.deleted && i.owner === project);
    // Glance compares updated_at > changes-since (strictly after).
    candidates = [...candidates, ...deleted].filter((i) => Date.parse(i.updatedAt) > since);
  }
  const exact: [string, (i: ImageRecord) => string | null][] = [
    ['name', (i) => i.name],
    ['container_format', (i) => i.containerFormat],
    ['disk_format', (i) => i.diskFormat],
    ['status', (i) => i.status],
  ];
  for (const [key, read] of exact) {
    const wanted = text(query[key]);
    if (wanted !== undefined) candidates = candidates.filter((i) => read(i) === wanted);
  }
  const sizeMin = bound(query.size_min);
  const sizeMax = bound(query.size_max);
  if (sizeMin !== undefined) candidates = candidates.filter((i) => i.size !== null && i.size >= sizeMin);
  if (sizeMax !== undefined) candidates = candidates.filter((i) => i.size !== null && i.size <= sizeMax);
  const sorted = sortImages(candidates, {}, (id) => state.images.creationIndex(id));
  return json(200, { images: sorted.map(renderV1Image) });
};

/** HEAD /v1/images/{id}: 200 without a body, the metadata in `X-Image-Meta-*` headers; invisible or unknown 404. */
const showImageMetadataV1: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  return empty(200, v1MetaHeaders(found.image, ctx.state.faults));
};

/**
 * DELETE /v1.1/images/{id}. Judgement: 204 as the OTC returned-values table says; the alternative variant answers
 * 200 with an empty body, as its example shows (the spec declares both).
 */
const deleteImageV11: Handler = (ctx) => {
  const answer = deleteOwnImage(ctx);
  if (answer.status === 204 && ctx.state.readings.alternative('delete-v11-status'))
    return { ...answer, status: 200, headers: { ...answer.headers, 'content-length': '0' } };
  return answer;
};

export const deprecatedV1Handlers: Record<string, Handler> = { listImagesV11, showImageMetadataV1, deleteImageV11 };
