import { imageType } from '../views/image-view.js';
import type { ImageRecord } from './images.js';

/** The image attribute a filter or sort key reads, as the API names it. */
function attribute(image: ImageRecord, key: string): unknown {
  switch (key) {
    case 'id':
    case 'name':
    case 'status':
    case 'visibility':
    case 'protected':
    case 'owner':
    case 'size':
    case 'checksum':
      return image[key];
    case 'created_at':
      return image.createdAt;
    case 'updated_at':
      return image.updatedAt;
    case 'min_disk':
      return image.minDisk;
    case 'min_ram':
      return image.minRam;
    case 'disk_format':
      return image.diskFormat;
    case 'container_format':
      return image.containerFormat;
    case 'virtual_env_type':
      return image.virtualEnvType;
    case 'enterprise_project_id':
      return image.enterpriseProjectId;
    case '__imagetype':
      return imageType(image);
    case '__isregistered':
      return 'true';
    default:
      return image.extra[key];
  }
}

const TIME_OPS: Record<string, (a: string, b: string) => boolean> = {
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  eq: (a, b) => a === b,
  neq: (a, b) => a !== b,
};

/** Keys that shape the page rather than filter it. */
const NOT_FILTERS = new Set(['marker', 'limit', 'sort_key', 'sort_dir', 'member_status', 'tag', 'X-Api-Version', 'flavor_id', 'architecture']);

/** Applies the exact-match filters, `tag`, and the `gt:`/`lt:`… time filters of the list calls. */
export function filterImages(images: ImageRecord[], query: Record<string, unknown>): ImageRecord[] {
  return images
    .filter((image) =>
      Object.entries(query).every(([key, wanted]) => {
        if (NOT_FILTERS.has(key) || wanted === undefined) return true;
        if (key === 'created_at' || key === 'updated_at') {
          const [op, ...rest] = String(wanted).split(':');
          const when = rest.join(':').replace(' ', 'T');
          const compare = TIME_OPS[op ?? ''];
          return compare ? compare(String(attribute(image, key)), when) : true;
        }
        if (key === 'enterprise_project_id' && wanted === 'all_granted_eps') return true;
        // Glance's size bounds (inclusive); an image without a size is left out, as Glance's SQL comparison does.
        if (key === 'size_min') return image.size !== null && image.size >= Number(wanted);
        if (key === 'size_max') return image.size !== null && image.size <= Number(wanted);
        return String(attribute(image, key)) === String(wanted);
      }),
    )
    .filter((image) => {
      const tag = query.tag;
      if (typeof tag !== 'string') return true;
      const [k, v] = tag.split('=');
      return image.tags.includes(`${k}.${v ?? ''}`) || image.tags.includes(tag) || image.tags.includes(`${k}=${v ?? ''}`);
    });
}

/** Sorts by `sort_key` (default created_at) and `sort_dir` (default desc); creation order breaks ties. */
export function sortImages(images: ImageRecord[], query: Record<string, unknown>, creationIndex: (id: string) => number): ImageRecord[] {
  const key = typeof query.sort_key === 'string' ? query.sort_key : 'created_at';
  const dir = query.sort_dir === 'asc' ? 1 : -1;
  return [...images].sort((a, b) => {
    const va = attribute(a, key);
    const vb = attribute(b, key);
    const primary = va === vb ? 0 : va === null || va === undefined ? -1 : vb === null || vb === undefined ? 1 : va < vb ? -1 : 1;
    return (primary !== 0 ? primary : creationIndex(a.id) - creationIndex(b.id)) * dir;
  });
}

export type Page = { ok: true; items: ImageRecord[]; hasMore: boolean } | { ok: false; reason: string };

/** Marker/limit paging over an already sorted list: the page starts after the marker's position. */
export function pageOf(sorted: ImageRecord[], marker: string | undefined, limit: number, ignoreMarker = false): Page {
  let start = 0;
  if (marker !== undefined && !ignoreMarker) {
    const at = sorted.findIndex((i) => i.id === marker);
    if (at < 0) return { ok: false, reason: `marker ${marker} could not be found` };
    start = at + 1;
  }
  const items = sorted.slice(start, start + limit);
  return { ok: true, items, hasMore: start + limit < sorted.length };
}
