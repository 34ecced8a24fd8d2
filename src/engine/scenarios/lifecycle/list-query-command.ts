import { everyItemMatches, sizesWithin, sortedBy } from '../../../checks/rules/list-query.js';
import type { SpecOperation } from '../../../model/operation.js';
import { LifecycleCommand } from './command.js';
import { queryListing } from './listing-check.js';
import { liveImages, type LifecycleModel } from './model.js';
import { filterableLists, offers } from './operations.js';
import type { LifecycleSystem, Rule } from './system.js';

/**
 * Exact-match filters read from the image itself: Tempest's container_format, disk_format, visibility and owner
 * tests, and the IMS `__` attribute filters (sent only where the list documents them, so not on the openstack profile).
 */
const OWN_FILTERS = ['container_format', 'disk_format', 'visibility', 'owner', '__imagetype', '__platform', '__os_bit'] as const;

const FILTER_HINT = 'A list honours each documented filter: an image matching them all is listed, one that does not match is not.';

/**
 * The owner lists with filters the model can answer (its image's exact name and status, then the other status)
 * and with one sort (created_at ascending for an even pick, size descending for an odd one): the model's image
 * must be listed exactly when it matches, every listed image must match, and the order must be the one asked
 * (`list-query`). Observes only: it changes nothing.
 */
export class ListQueryCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return liveImages(model).length > 0;
  }

  protected label(): string {
    return `list-filtered(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(liveImages(model));
    // Even picks sort by creation time ascending, odd ones by size descending (Tempest's sort): the walk lists twice.
    const [key, dir] = this.pick % 2 === 0 ? (['created_at', 'asc'] as const) : (['size', 'desc'] as const);
    this.resolved = `list-filtered(${image.id} "${image.name}" ${image.status}, sort ${key} ${dir})`;
    const other = image.status === 'active' ? 'queued' : 'active';
    // The model knows name and status; the image's own formats, visibility, owner and first tag match it by construction.
    const shown = await system.send(system.ops.show, system.who.owner, { params: { image_id: image.id } });
    const own = shown.response.status === 200 ? (shown.response.body as Record<string, unknown>) : {};
    const rules: Rule[] = [];
    for (const op of filterableLists(system.ops.lists)) {
      const matching: Record<string, string> = { name: image.name, status: image.status };
      for (const attribute of OWN_FILTERS) if (typeof own[attribute] === 'string' && offers(op, attribute)) matching[attribute] = own[attribute];
      const tag = Array.isArray(own.tags) ? own.tags.find((t): t is string => typeof t === 'string') : undefined;
      if (tag !== undefined && offers(op, 'tag')) matching.tag = tag;
      const hit = await system.send(op, system.who.owner, { query: { ...matching, limit: 100 } });
      const miss = await system.send(op, system.who.owner, { query: { name: image.name, status: other, limit: 100 } });
      rules.push(
        {
          exchange: hit,
          checkId: 'list-query',
          check: queryListing(image.id, true, `it matches every filter of ${JSON.stringify(matching)}`, FILTER_HINT),
        },
        { exchange: hit, checkId: 'list-query', check: everyItemMatches(matching) },
        {
          exchange: miss,
          checkId: 'list-query',
          check: queryListing(image.id, false, `its status is ${image.status}, not ${other}`, FILTER_HINT),
        },
        { exchange: miss, checkId: 'list-query', check: everyItemMatches({ name: image.name, status: other }) },
      );
      if (image.data && offers(op, 'size_min') && offers(op, 'size_max'))
        rules.push(...(await sizeBounds(system, op, image.name, image.id, image.data.length)));
      if (!offers(op, 'sort_key') || !offers(op, 'sort_dir')) continue;
      const sorted = await system.send(op, system.who.owner, { query: { sort_key: key, sort_dir: dir, limit: 100 } });
      rules.push({ exchange: sorted, checkId: 'list-query', check: sortedBy(key, dir) });
    }
    system.judge(rules);
  }
}

const SIZE_HINT = 'A list honours size_min and size_max: an image whose size lies between them is listed, one outside them is not.';

/**
 * Tempest's test_list_images_param_min_max_size, where the list documents the bounds: the model knows the size
 * of the bytes it uploaded. Bounds one byte either side of it (and a size_min one byte above it) stay clear of
 * the edge, so an inclusive and an exclusive reading of the bounds (the documents say neither) predict alike.
 */
async function sizeBounds(system: LifecycleSystem, op: SpecOperation, name: string, imageId: string, size: number): Promise<Rule[]> {
  const [low, high] = [Math.max(0, size - 1), size + 1];
  const within = await system.send(op, system.who.owner, { query: { name, size_min: low, size_max: high, limit: 100 } });
  const above = await system.send(op, system.who.owner, { query: { name, size_min: high, limit: 100 } });
  const listedRule = (listed: boolean, because: string): Rule['check'] => queryListing(imageId, listed, because, SIZE_HINT);
  return [
    { exchange: within, checkId: 'list-query', check: listedRule(true, `its ${size} bytes lie within size_min=${low} and size_max=${high}`) },
    { exchange: within, checkId: 'list-query', check: sizesWithin(low, high) },
    { exchange: above, checkId: 'list-query', check: listedRule(false, `its ${size} bytes are below size_min=${high}`) },
    { exchange: above, checkId: 'list-query', check: sizesWithin(high, undefined) },
  ];
}
