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
