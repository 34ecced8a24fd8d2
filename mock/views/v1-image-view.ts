import type { FaultSet } from '../faults/catalogue.js';
import type { ImageRecord } from '../store/images.js';

/**
 * Glance v1 timestamps: microseconds and no zone, e.g. `2016-05-22T06:04:20.425843` (the OTC example). The store
 * keeps seconds, so the fraction is zeros; an unparsable value passes through without its zone letter.
 */
export function v1Time(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.replace(/Z$/, '');
  return `${date.toISOString().slice(0, 23)}000`;
}

/** An image of GET /v1.1/images/detail (`V1Image`): v1 names, `is_public` instead of visibility, custom attributes under `properties`. */
export function renderV1Image(image: ImageRecord): Record<string, unknown> {
  return {
    id: image.id,
    name: image.name,
    status: image.status,
    deleted: image.deleted,
    deleted_at: image.deletedAt === null ? null : v1Time(image.deletedAt),
    container_format: image.containerFormat,
    disk_format: image.diskFormat,
    created_at: v1Time(image.createdAt),
    updated_at: v1Time(image.updatedAt),
    min_disk: image.minDisk,
    min_ram: image.minRam,
    protected: image.protected,
    // v1 knows only public or not; community images were never v1 public.
    is_public: image.visibility === 'public',
    owner: image.owner,
    checksum: image.checksum,
    size: image.size,
    virtual_size: null,
    properties: { ...image.extra },
  };
}

/** The v1 statuses HEAD may report; v2-only ones map to their nearest v1 state. */
function v1Status(status: ImageRecord['status']): string {
  switch (status) {
    case 'uploading':
    case 'importing':
      return 'saving';
    case 'deactivated':
      return 'active';
    default:
      return status;
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRINTABLE = /^[\t\x20-\x7e]*$/;

/**
 * A header value node:http will send: printable ASCII as is; anything else as its UTF-8 bytes (what Glance v1 put
 * on the wire), with control characters, which no header may carry, as `?`.
 */
function headerText(value: string): string {
  if (PRINTABLE.test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (const byte of bytes) out += byte < 0x20 || byte === 0x7f ? (byte === 0x09 ? '\t' : '?') : String.fromCharCode(byte);
  return out;
}

const bool = (value: boolean): string => (value ? 'True' : 'False');

/**
 * HEAD /v1/images/{id}: the metadata as `X-Image-Meta-*` headers, all strings (`True`, `0`). Names are lower case
 * (HTTP names are case-insensitive; the response checks look them up in lower case). Custom attributes become
 * `X-Image-Meta-Property-<key>` when both key and value can travel in a header unchanged; others are left out.
 */
export function v1MetaHeaders(image: ImageRecord, faults: FaultSet): Record<string, string> {
  const headers: Record<string, string> = {
    'x-image-meta-id': image.id,
    'x-image-meta-name': headerText(image.name),
    'x-image-meta-status': v1Status(image.status),
    'x-image-meta-deleted': bool(image.deleted),
    'x-image-meta-protected': bool(image.protected),
    'x-image-meta-min_disk': String(image.minDisk),
    'x-image-meta-min_ram': String(image.minRam),
    'x-image-meta-created_at': v1Time(image.createdAt),
    'x-image-meta-updated_at': v1Time(image.updatedAt),
    'x-image-meta-is_public': bool(image.visibility === 'public'),
    'x-image-meta-owner': headerText(image.owner),
  };
  if (image.containerFormat !== null) headers['x-image-meta-container_format'] = headerText(image.containerFormat);
  if (image.diskFormat !== null) headers['x-image-meta-disk_format'] = headerText(image.diskFormat);
  if (image.size !== null) headers['x-image-meta-size'] = String(image.size);
  if (image.deletedAt !== null) headers['x-image-meta-deleted_at'] = v1Time(image.deletedAt);
  if (image.checksum !== null) {
    headers['x-image-meta-checksum'] = headerText(image.checksum);
    headers.etag = headerText(image.checksum);
  }
  for (const [key, value] of Object.entries(image.extra)) {
    if (!TOKEN.test(key) || !PRINTABLE.test(value)) continue;
    const name = `x-image-meta-property-${key.toLowerCase()}`;
    if (!(name in headers)) headers[name] = value;
  }
  if (faults.has('head-missing-meta-headers')) delete headers['x-image-meta-status'];
  return headers;
}
