import type { SpecOperation } from '../model/operation.js';

const PATCH = 'application/openstack-images-v2.1-json-patch';

/** A JSON-patch body in the dialect the operation documents first (Glance's v2.1 when it is offered). */
export function patchSpec(
  op: SpecOperation,
  imageId: string,
  attribute: string,
  value: unknown,
): { params: Record<string, string>; body: unknown; mediaType: string } {
  const types = Object.keys(op.requestBody?.content ?? {});
  const mediaType = types.includes(PATCH) ? PATCH : (types[0] ?? PATCH);
  const body = mediaType === PATCH ? [{ op: 'replace', path: `/${attribute}`, value }] : [{ replace: `/${attribute}`, value }];
  return { params: { image_id: imageId }, body, mediaType };
}

/** The operation with `method` on the path of `of` (the image's PATCH beside its GET, a member's DELETE beside its PUT). */
export const besides = (all: readonly SpecOperation[], of: SpecOperation | undefined, method: SpecOperation['method']): SpecOperation | undefined =>
  of && all.find((o) => o.path === of.path && o.endpoint === of.endpoint && o.method === method);

/** One patch operation as the suite means it; `patchRequest` writes it in the operation's dialect. */
export interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  /** The attribute, without the leading `/`. */
  attribute: string;
  value?: unknown;
}

/**
 * A patch of several operations in the dialect the operation documents first: Glance's v2.1 `{op, path, value}`,
 * its v2.0 `{"replace": "/name", "value": …}`, or IMS's `application/json` list, where every op carries a
 * string `value` (the IMS update page marks `value` mandatory, `remove` included).
 */
export function patchRequest(
  op: SpecOperation,
  imageId: string,
  ops: readonly PatchOp[],
): { params: Record<string, string>; body: unknown; mediaType: string } {
  const types = Object.keys(op.requestBody?.content ?? {});
  const mediaType = types.includes(PATCH) ? PATCH : (types[0] ?? PATCH);
  const withValue = (o: PatchOp): { value?: unknown } => (o.value === undefined ? {} : { value: o.value });
  const body = ops.map((o) => {
    if (mediaType === PATCH) return { op: o.op, path: `/${o.attribute}`, ...withValue(o) };
    if (mediaType.includes('json-patch')) return { [o.op]: `/${o.attribute}`, ...withValue(o) };
    return { op: o.op, path: `/${o.attribute}`, value: o.value === undefined ? '' : String(o.value) };
  });
  return { params: { image_id: imageId }, body, mediaType };
}
