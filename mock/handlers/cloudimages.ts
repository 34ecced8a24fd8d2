import type { Handler, RequestContext } from '../context.js';
import { errorFor, isResponse, json, type MockResponse } from '../http/responses.js';
import type { ImageRecord } from '../store/images.js';
import { filterImages, pageOf, sortImages } from '../store/list-query.js';
import { listedImages, relationTo } from '../store/visibility.js';
import { imageType, renderImage } from '../views/image-view.js';
import { CORE_ATTRIBUTES, IMS_MANAGED_ATTRIBUTES, isBooleanFlag } from './attribute-classes.js';
import { requireImage } from './image-access.js';

/** Default page size of GET /v2/cloudimages (the IMS documents; Glance's is 25). */
const DEFAULT_LIMIT = 500;

/**
 * Whether an image counts as `shared` for the `visibility=shared` filter. IMS does not ask owners to switch
 * visibility before sharing, so an image is shared when it has members (owner's view), when the caller is one
 * of its members, or when its visibility says so.
 */
function isShared(ctx: RequestContext, image: ImageRecord): boolean {
  return image.visibility === 'shared' || imageType(image) === 'shared' || relationTo(image, ctx) === 'member';
}

/**
 * GET /v2/cloudimages: the images the caller can see, with the IMS filters, sorted, paged by `marker`/`limit`
 * (default 500). The answer is `{"images": [...]}` only — no `first`/`next`: the next page starts after the
 * last id.
 */
const listCloudImages: Handler = (ctx) => {
  const { state } = ctx;
  const { visibility, __whole_image: wholeImage, ...rest } = ctx.query;
  const memberStatus = typeof rest.member_status === 'string' ? rest.member_status : undefined;
  let candidates = listedImages(ctx, memberStatus);
  if (visibility === 'shared') candidates = candidates.filter((image) => isShared(ctx, image));
  else if (typeof visibility === 'string') candidates = candidates.filter((image) => image.visibility === visibility);
  // Only full-ECS images carry __whole_image; every other image counts as `false`.
  if (typeof wholeImage === 'boolean') candidates = candidates.filter((image) => (image.extra.__whole_image === 'true') === wholeImage);
  const sorted = sortImages(filterImages(candidates, rest), rest, (id) => state.images.creationIndex(id));
  const limit = typeof rest.limit === 'number' ? rest.limit : DEFAULT_LIMIT;
  const marker = typeof rest.marker === 'string' ? rest.marker : undefined;
  const page = pageOf(sorted, marker, limit);
  if (!page.ok) return errorFor(ctx.op.endpoint, 400, 'IMG.0001', `The request message format is invalid: ${page.reason}.`);
  const omitLinks = state.readings.alternative('cloudimages-list-links');
  return json(200, {
    images: page.items.map((image) => {
      const view = renderImage(image, state);
      if (omitLinks) {
        delete view.file;
        delete view.schema;
      }
      return view;
    }),
  });
};

// --- PATCH /v2/cloudimages/{image_id} ---------------------------------------------------------------------------

type PatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value: string };

/** IMS image names: 1–128 characters, letters, digits, `-`, `.`, `_`, inner spaces and Chinese characters. */
const NAME_CHARS = /^[A-Za-z0-9._\-\u4e00-\u9fa5]([A-Za-z0-9._\- \u4e00-\u9fa5]*[A-Za-z0-9._\-\u4e00-\u9fa5])?$/;
const MAX_RAM_MB = 1048576;

/** The subset of an image one PATCH may change; applied to the image only when every operation succeeded. */
interface Draft {
  name: string;
  minRam: number;
  enterpriseProjectId: string;
  extra: Record<string, string>;
}

/** A RAM size in MB; the alternative variant reads no upper bound into the documents. */
function megabytes(value: string, capped: boolean): number | undefined {
  if (!/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return !capped || n <= MAX_RAM_MB ? n : undefined;
}

/** Why an operation cannot be applied, in the endpoint's dialect. */
type Fail = (code: string, message: string, status?: number) => MockResponse;

/** One operation on one attribute of the draft. */
interface Edit {
  ctx: RequestContext;
  draft: Draft;
  removing: boolean;
  value: string;
  fail: Fail;
}

/** Applies an edit to the attribute it names, or answers why it cannot be applied. */
type AttributeRule = (edit: Edit) => MockResponse | undefined;

/** Whether RAM sizes have the documents' upper bound (the alternative variant reads none into them). */
const ramCapped = (ctx: RequestContext): boolean => !ctx.state.readings.alternative('ram-limit');

function editName({ ctx, draft, removing, value, fail }: Edit): MockResponse | undefined {
  if (removing) return fail('IMG.0001', 'The image name cannot be removed.');
  if (value.length > 128) return fail('IMG.0002', 'The image name contains more than 128 characters.');
  // The fault takes any characters, leading and trailing spaces included.
  if (value.length === 0 || (!NAME_CHARS.test(value) && !ctx.state.faults.has('name-format-unchecked')))
    return fail('IMG.0003', 'The image name format is invalid.');
  draft.name = value;
  return undefined;
}

/** `min_ram` is a core field: removing it resets it to 0. */
function editMinRam({ ctx, draft, removing, value, fail }: Edit): MockResponse | undefined {
  if (removing) {
    draft.minRam = 0;
    return undefined;
  }
  const mb = megabytes(value, ramCapped(ctx));
  if (mb === undefined) return fail('IMG.0055', `The memory size ${value} is invalid.`);
  draft.minRam = mb;
  return undefined;
}

/** `__description`: at most 1,024 characters, no carriage return or angle bracket (the attribute table). */
function editDescription({ ctx, draft, removing, value, fail }: Edit): MockResponse | undefined {
  if (removing) {
    delete draft.extra.__description;
    return undefined;
  }
  if (value.length > DESCRIPTION_MAX && !ctx.state.faults.has('description-length-unchecked'))
    return fail('IMG.0004', 'The description contains more than 1024 characters.');
  if (/[\r<>]/.test(value) && !ctx.state.faults.has('description-brackets-accepted')) return fail('IMG.0054', 'The image description format is invalid.');
  draft.extra.__description = value;
  return undefined;
}

function editEnterpriseProject({ ctx, draft, removing, value, fail }: Edit): MockResponse | undefined {
  if (removing || value.length === 0) return fail('IMG.0001', 'An image always belongs to an enterprise project; replace enterprise_project_id instead.');
  // An enterprise-project-scoped caller may move images only into enterprise projects it is granted in.
  if (ctx.access.kind === 'enterpriseProjects' && !ctx.access.ids.includes(value))
    return fail('IMG.0026', `You are not authorized in enterprise project ${value}.`, 403);
  draft.enterpriseProjectId = value;
  return undefined;
}

/**
 * An extension attribute that a remove deletes and a set stores as `normalise` gives it back; `undefined` refuses
 * the value with `code`.
 */
function extensionAttribute(
  key: string,
  code: string,
  message: (value: string) => string,
  normalise: (value: string, ctx: RequestContext) => string | undefined,
): AttributeRule {
  return ({ ctx, draft, removing, value, fail }) => {
    if (removing) {
      delete draft.extra[key];
      return undefined;
    }
    const stored = normalise(value, ctx);
    if (stored === undefined) return fail(code, message(value));
    draft.extra[key] = stored;
    return undefined;
  };
}

const memorySize = (value: string, ctx: RequestContext): string | undefined => {
  const mb = megabytes(value, ramCapped(ctx));
  return mb === undefined ? undefined : String(mb);
};
/** The attribute table's bound: "a maximum of 1,024 characters" (IMG.0004). */
const DESCRIPTION_MAX = 1024;
const firmwareType = (value: string): string | undefined => (value === 'bios' || value === 'uefi' ? value : undefined);

/** The attributes IMS validates one by one (a Map: a path such as `/constructor` must not find Object's members). */
const ATTRIBUTE_RULES = new Map<string, AttributeRule>([
  ['name', editName],
  ['__description', editDescription],
  ['min_ram', editMinRam],
  ['max_ram', extensionAttribute('max_ram', 'IMG.0055', (v) => `The memory size ${v} is invalid.`, memorySize)],
  ['enterprise_project_id', editEnterpriseProject],
  ['hw_firmware_type', extensionAttribute('hw_firmware_type', 'IMG.0141', () => 'The value of hw_firmware_type is not uefi or bios.', firmwareType)],
]);

/** Whether the caller may never change an attribute: core and IMS-managed ones, and IMS's `_`/`__` internals. */
function isReadOnly(attr: string): boolean {
  if (CORE_ATTRIBUTES.has(attr) || IMS_MANAGED_ATTRIBUTES.has(attr)) return true;
  return attr.startsWith('_') && !attr.startsWith('__support_') && attr !== '__is_config_init';
}

/** Any other attribute: a free-form extension attribute the caller may add, replace or remove. */
function editOtherAttribute(attr: string, op: PatchOp['op'], { ctx, draft, removing, value, fail }: Edit): MockResponse | undefined {
  if (isReadOnly(attr)) return fail('IMG.0001', `The attribute ${attr} cannot be updated.`);
  if (removing) {
    if (!(attr in draft.extra)) return fail('IMG.0001', `The image has no attribute ${attr} to remove.`);
    delete draft.extra[attr];
    return undefined;
  }
  if (op === 'replace' && !(attr in draft.extra) && ctx.state.readings.alternative('replace-missing-attribute'))
    return fail('IMG.0001', `Property ${attr} does not exist.`, 409);
  if (isBooleanFlag(attr) && value !== 'true' && value !== 'false') return fail('IMG.0001', `The value of ${attr} must be true or false.`);
  draft.extra[attr] = value;
  return undefined;
}

/** Applies one operation to the draft, or answers why it cannot be applied. */
function applyOp(ctx: RequestContext, draft: Draft, { op, path, value }: PatchOp): MockResponse | undefined {
  const fail: Fail = (code, message, status = 400) => errorFor(ctx.op.endpoint, status, code, message);
  if (!/^\/[a-z_][a-z0-9_]{0,254}$/.test(path)) return fail('IMG.0001', `The path ${path} is invalid: use / and a lower-case attribute name.`);
  const attr = path.slice(1);
  const edit: Edit = { ctx, draft, removing: op === 'remove', value, fail };
  const rule = ATTRIBUTE_RULES.get(attr);
  return rule ? rule(edit) : editOtherAttribute(attr, op, edit);
}

/** The body as operations; the schema has checked it, but the invalid-input-accepted fault skips that check. */
function patchOps(body: unknown): PatchOp[] {
  return (Array.isArray(body) ? body : []).map((item: unknown) => {
    const o = (item !== null && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const op = o.op === 'add' || o.op === 'remove' ? o.op : 'replace';
    return { op, path: typeof o.path === 'string' ? o.path : '', value: typeof o.value === 'string' ? o.value : String(o.value ?? '') };
  });
}

/**
 * PATCH /v2/cloudimages/{image_id}: `{op, path, value}` operations on an active image the caller owns.
 * Atomic: every operation applies to a draft, which replaces the image's fields only if all succeed.
 */
const updateCloudImage: Handler = (ctx) => {
  const found = requireImage(ctx, 'own');
  if (isResponse(found)) return found;
  const { image } = found;
  if (image.status !== 'active')
    return errorFor(ctx.op.endpoint, 400, 'IMG.0046', `The image is unavailable: only active images can be updated, this one is ${image.status}.`);
  const draft: Draft = { name: image.name, minRam: image.minRam, enterpriseProjectId: image.enterpriseProjectId, extra: { ...image.extra } };
  for (const op of patchOps(ctx.body)) {
    const failure = applyOp(ctx, draft, op);
    if (failure) return failure;
  }
  const before = image.enterpriseProjectId;
  // The fault answers the patched image and stores only the enterprise project move.
  if (ctx.state.faults.has('cloud-patch-not-stored')) {
    const shown = renderImage({ ...image, ...draft }, ctx.state);
    image.enterpriseProjectId = draft.enterpriseProjectId;
    return json(200, shown);
  }
  Object.assign(image, draft);
  ctx.state.images.touch(image);
  const answer = renderImage(image, ctx.state);
  // The fault answers the move and keeps the image where it was.
  if (ctx.state.faults.has('ep-migration-not-applied')) image.enterpriseProjectId = before;
  return json(200, answer);
};

export const cloudImageHandlers: Record<string, Handler> = { listCloudImages, updateCloudImage };
