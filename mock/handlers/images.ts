import { createHash } from 'node:crypto';
import type { Handler, MockState, RequestContext } from '../context.js';
import { empty, errorFor, isResponse, json, type MockResponse } from '../http/responses.js';
import type { ImageRecord } from '../store/images.js';
import { filterImages, pageOf, sortImages } from '../store/list-query.js';
import { listedImages } from '../store/visibility.js';
import { renderImage } from '../views/image-view.js';
import { CORE_ATTRIBUTES } from './attribute-classes.js';
import { callerProject } from './caller-scope.js';
import { deleteOwnImage, imageNotFound, requireImage } from './image-access.js';
import { keptData } from './image-data.js';
import { osFacts } from './new-image-attributes.js';

/** Attributes callers can never write (Glance answers 403 "Attribute … is read-only"). */
const READ_ONLY = new Set([
  'id',
  'status',
  'owner',
  'created_at',
  'updated_at',
  'self',
  'file',
  'schema',
  'size',
  'virtual_size',
  'checksum',
  'direct_url',
  'locations',
  'os_hash_algo',
  'os_hash_value',
  '__imagetype',
  '__isregistered',
  '__image_size',
  '__image_source_type',
  'virtual_env_type',
  'enterprise_project_id',
]);

/** Glance-native list: filters, sort, marker/limit paging with `first` and `next` links. */
const listImages: Handler = (ctx) => {
  const { query, state } = ctx;
  if (state.faults.has('rejects-valid-optional-field') && ctx.rawQuery.has('__os_type'))
    return errorFor(ctx.op.endpoint, 400, 'IMG.0001', 'Unsupported filter __os_type.');
  let candidates = listedImages(ctx, typeof query.member_status === 'string' ? query.member_status : undefined);
  if (state.faults.has('created-image-not-listed')) candidates = candidates.filter((i) => i.createdBy === null);
  const filtered = state.faults.has('list-filter-ignored') ? candidates : filterImages(candidates, withoutFaultedFilters(state, query));
  const sorted = sortImages(filtered, sortOf(state, query), (id) => state.images.creationIndex(id));
  const limit = typeof query.limit === 'number' ? query.limit : 25;
  const marker = typeof query.marker === 'string' ? query.marker : undefined;
  const page = pageOf(sorted, marker, limit, state.faults.has('pagination-marker-ignored'));
  if (!page.ok) return errorFor(ctx.op.endpoint, 400, 'IMG.0001', page.reason);
  const linkQuery = new URLSearchParams(ctx.rawQuery);
  if (!state.faults.has('list-first-link-keeps-marker')) linkQuery.delete('marker');
  const first = `/v2/images${linkQuery.size > 0 ? `?${linkQuery}` : ''}`;
  const body: Record<string, unknown> = { images: page.items.map((i) => renderImage(i, state)), first, schema: '/v2/schemas/images' };
  const last = page.items.at(-1);
  if ((page.hasMore || state.faults.has('list-next-on-last-page')) && last) {
    const nextQuery = state.faults.has('list-next-drops-filters') ? new URLSearchParams({ limit: String(limit) }) : linkQuery;
    nextQuery.set('marker', last.id);
    body.next = `/v2/images?${nextQuery}`;
  }
  return json(200, body);
};

const showImage: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image } = found;
  if (
    ctx.state.faults.has('hides-images-from-project-peers') &&
    image.createdBy !== null &&
    image.owner === ctx.caller?.projectId &&
    image.createdBy !== ctx.caller.user.id
  )
    return imageNotFound(ctx, image.id);
  return json(200, renderImage(image, ctx.state));
};

/** POST /v2/images: a queued image owned by the caller's project; extra string properties are kept. */
const createImage: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const { readings } = ctx.state;
  if (readings.alternative('create-name-length') && typeof body.name === 'string' && body.name.length > 128)
    return errorFor(ctx.op.endpoint, 400, 'IMG.0002', 'The image name contains more than 128 characters.');
  if (readings.alternative('min-disk-floor') && typeof body.min_disk === 'number' && body.min_disk < 40)
    return errorFor(ctx.op.endpoint, 400, 'IMG.0001', 'min_disk must be from 40 to 1024 GB.');
  if (ctx.state.faults.has('min-disk-ceiling-refused') && typeof body.min_disk === 'number' && body.min_disk >= 1024)
    return errorFor(ctx.op.endpoint, 400, 'IMG.0001', 'min_disk must be less than 1024 GB.');
  // Glance leaves the formats unset (null) until the caller sets them; the default gives IMS's zvhd2/bare.
  const unsetFormat = readings.alternative('image-formats-unset') ? null : undefined;
  // Only private is accepted (the schema enforces it), so visibility needs no reading.
  const { name, __os_version, visibility: _visibility, protected: isProtected, container_format, disk_format, tags, min_ram, min_disk, ...custom } = body;
  const extra: Record<string, string> = { ...osFacts(typeof __os_version === 'string' ? __os_version : undefined) };
  // A core attribute the mock does not model (Glance's os_hidden) is no free-form string property.
  for (const [key, value] of Object.entries(custom)) if (!CORE_ATTRIBUTES.has(key)) extra[key] = String(value);
  const image = ctx.state.images.create({
    name: typeof name === 'string' ? name : '',
    owner: callerProject(ctx),
    visibility: 'private',
    protected: isProtected === true,
    containerFormat: typeof container_format === 'string' ? container_format : unsetFormat === null ? null : 'bare',
    diskFormat: typeof disk_format === 'string' ? disk_format : unsetFormat === null ? null : 'zvhd2',
    tags: Array.isArray(tags) ? tags.map(String) : [],
    minRam: typeof min_ram === 'number' ? min_ram : 0,
    minDisk: typeof min_disk === 'number' ? min_disk : 0,
    extra,
    createdBy: ctx.caller?.user.id ?? null,
  });
  if (name === undefined && readings.alternative('unnamed-image')) image.unnamed = true;
  const status = ctx.state.faults.has('create-image-returns-200') ? 200 : 201;
  const location: Record<string, string> = readings.alternative('create-location-header') ? {} : { location: `${ctx.state.baseUrl}/v2/images/${image.id}` };
  const answer = renderImage(image, ctx.state);
  // The fault answers the custom attributes given and stores none of them.
  if (ctx.state.faults.has('create-drops-custom-attributes')) for (const key of Object.keys(custom)) delete image.extra[key];
  return json(status, answer, location);
};

type PatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };

/** Both Glance patch dialects as `{op, path, value}`: v2.1 as is, v2.0 `{"replace": "/name", "value": …}`. */
function normalizePatch(mediaType: string | undefined, body: unknown): PatchOp[] {
  const items = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
  if (mediaType === 'application/openstack-images-v2.0-json-patch')
    return items.map((item) => {
      const op = (['add', 'replace', 'remove'] as const).find((k) => typeof item[k] === 'string') ?? 'replace';
      return { op, path: String(item[op]), value: item.value };
    });
  return items.map((item) => ({ op: item.op as PatchOp['op'], path: String(item.path), value: item.value }));
}

/** Applies one patch op to a working copy; answers the error response when the op is not allowed. */
function applyPatchOp(ctx: RequestContext, image: ImageRecord, op: PatchOp): MockResponse | undefined {
  const attr = op.path.slice(1);
  const { readings } = ctx.state;
  const fail = (status: number, code: string, message: string): MockResponse => errorFor(ctx.op.endpoint, status, code, message);
  // The fault lets a patch set the image's status.
  if (attr === 'status' && typeof op.value === 'string' && ctx.state.faults.has('status-patchable')) {
    image.status = op.value as ImageRecord['status'];
    return undefined;
  }
  if (READ_ONLY.has(attr) || attr.includes('/')) return fail(403, 'IMG.0026', `Attribute '${attr}' is read-only.`);
  // The fault answers 200 to an add of an attribute the image has (the name, a custom one) and keeps its old value.
  if (op.op === 'add' && (attr === 'name' || attr in image.extra) && ctx.state.faults.has('patch-add-existing-ignored')) return undefined;
  if (op.op === 'remove') {
    if (attr in image.extra) {
      if (!ctx.state.faults.has('patch-remove-ignored')) delete image.extra[attr];
    } else if (attr === 'tags') image.tags = [];
    else if (!ctx.state.faults.has('patch-remove-missing-accepted')) return fail(409, 'IMG.0001', `Property ${attr} does not exist.`);
    return undefined;
  }
  const v = op.value;
  switch (attr) {
    case 'name':
      if (typeof v !== 'string' || (v.length > 255 && !ctx.state.faults.has('patch-name-length-unchecked')))
        return fail(400, 'IMG.0002', 'name must be a string of at most 255 characters.');
      image.name = v;
      image.unnamed = false;
      return undefined;
    case 'min_disk':
    case 'min_ram': {
      const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return fail(400, 'IMG.0001', `${attr} must be a non-negative integer.`);
      if (attr === 'min_disk') image.minDisk = n;
      else image.minRam = n;
      return undefined;
    }
    case 'protected':
      if (typeof v !== 'boolean') return fail(400, 'IMG.0001', 'protected must be a boolean.');
      image.protected = v;
      return undefined;
    case 'tags':
      if (!Array.isArray(v) || !v.every((t) => typeof t === 'string' && t.length <= 255)) return fail(400, 'IMG.0001', 'tags must be a list of strings.');
      image.tags = [...new Set(v as string[])];
      return undefined;
    case 'visibility':
      if (v === 'public' || v === 'community') return fail(403, 'IMG.0026', 'You are not authorized to complete publicize_image action.');
      if (v !== 'private' && v !== 'shared') return fail(400, 'IMG.0001', `Invalid visibility value: ${String(v)}`);
      image.visibility = v;
      return undefined;
    case 'disk_format':
    case 'container_format':
      if (image.status !== 'queued') return fail(403, 'IMG.0026', `Attribute '${attr}' can be only replaced for a queued image.`);
      if (typeof v !== 'string') return fail(400, 'IMG.0001', `${attr} must be a string.`);
      if (attr === 'disk_format') image.diskFormat = v;
      else image.containerFormat = v;
      return undefined;
    default:
      // Glance: `replace` needs the property to exist, `add` (v2.0 dialect, and the SDK's wording) that it does not.
      if (op.op === 'replace' && !(attr in image.extra) && readings.alternative('replace-missing-attribute'))
        return fail(409, 'IMG.0001', `Property ${attr} does not exist.`);
      if (op.op === 'add' && attr in image.extra && readings.alternative('add-existing-attribute'))
        return fail(409, 'IMG.0001', `Property ${attr} already present.`);
      if (typeof v !== 'string' || v.length > 255) return fail(400, 'IMG.0001', `${attr} must be a string of at most 255 characters.`);
      if (attr === 'description') image.extra.__description = v;
      image.extra[attr] = v;
      return undefined;
  }
}

/** PATCH /v2/images/{id}: atomic — every op applies to a copy, which replaces the image only if all succeed. */
const updateImage: Handler = (ctx) => {
  const found = requireImage(ctx, 'own');
  if (isResponse(found)) return found;
  const { image } = found;
  const mediaType = ctx.headers['content-type']?.split(';')[0]?.trim();
  const draft: ImageRecord = { ...image, tags: [...image.tags], extra: { ...image.extra } };
  for (const op of normalizePatch(mediaType, ctx.body)) {
    const failure = applyPatchOp(ctx, draft, op);
    // The fault keeps what the operations before the refused one changed.
    if (failure && ctx.state.faults.has('patch-partly-applied')) store(image, draft);
    if (failure) return failure;
  }
  if (ctx.state.faults.has('patch-not-applied')) return json(200, renderImage(draft, ctx.state));
  store(image, draft);
  if (!ctx.state.faults.has('patch-keeps-updated-at')) ctx.state.images.touch(image);
  return json(200, renderImage(image, ctx.state));
};

/** The patched fields of the working copy, into the stored image. */
function store(image: ImageRecord, draft: ImageRecord): void {
  Object.assign(image, {
    status: draft.status,
    name: draft.name,
    unnamed: draft.unnamed,
    minDisk: draft.minDisk,
    minRam: draft.minRam,
    protected: draft.protected,
    tags: draft.tags,
    visibility: draft.visibility,
    diskFormat: draft.diskFormat,
    containerFormat: draft.containerFormat,
    extra: draft.extra,
  });
}

/** DELETE /v2/images/{id}: the optional `delete_backup` body needs no action here (the mock keeps no backups). */
const deleteImage: Handler = deleteOwnImage;

/** PUT /v2/images/{id}/file: a queued image becomes active with size and MD5 checksum. */
const uploadImageFile: Handler = (ctx) => {
  const found = requireImage(ctx, 'own');
  if (isResponse(found)) return found;
  const { image } = found;
  const reupload = ctx.state.faults.has('reupload-accepted') && image.status === 'active';
  if (image.status !== 'queued' && !reupload)
    return errorFor(ctx.op.endpoint, 409, 'IMG.0001', `Image status transition from ${image.status} to saving is not allowed.`);
  if (!image.diskFormat || !image.containerFormat)
    return errorFor(ctx.op.endpoint, 400, 'IMG.0001', 'Properties disk_format, container_format must be set prior to saving data.');
  const data = Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.alloc(0);
  image.size = ctx.state.faults.has('upload-size-wrong') ? Math.max(0, data.length - 1) : data.length;
  image.checksum = createHash('md5').update(data).digest('hex');
  image.data = keptData(data);
  image.status = 'active';
  ctx.state.images.touch(image);
  return empty(204);
};

export const imageHandlers: Record<string, Handler> = { listImages, showImage, createImage, updateImage, deleteImage, uploadImageFile };

/** The filters the list faults ignore: Glance's size bounds, the time comparisons, `id`, `protected`. */
function withoutFaultedFilters(state: MockState, query: Record<string, unknown>): Record<string, unknown> {
  const ignored = [
    ...(state.faults.has('list-size-filter-ignored') ? ['size_min', 'size_max'] : []),
    ...(state.faults.has('list-time-filter-ignored') ? ['created_at', 'updated_at'] : []),
    ...(state.faults.has('list-id-filter-ignored') ? ['id'] : []),
    ...(state.faults.has('list-protected-filter-ignored') ? ['protected'] : []),
  ];
  return Object.fromEntries(Object.entries(query).filter(([key]) => !ignored.includes(key)));
}

/** The order asked, as a sort fault reads it: ignored altogether, or ascending where the caller named no direction. */
function sortOf(state: MockState, query: Record<string, unknown>): Record<string, unknown> {
  if (state.faults.has('list-sort-ignored')) return {};
  if (state.faults.has('list-default-order-ascending') && query.sort_dir === undefined) return { ...query, sort_dir: 'asc' };
  return query;
}
