import { defineCheck, type Check } from '../finding.js';
import { effectFinding, show, unjudged } from './effect-finding.js';

export const LIST_QUERY = {
  checkId: 'list-query',
  hint: 'Apply every documented filter and sort key of the list call: only matching images, in the requested order.',
} as const;

const items = (body: unknown): Record<string, unknown>[] | undefined => {
  const images = (body as { images?: unknown } | undefined)?.images;
  return Array.isArray(images) ? (images as Record<string, unknown>[]) : undefined;
};

/** Whether a listed image has the value a filter asked for: `tag` is one of its tags, any other key its attribute. */
const carries = (image: Record<string, unknown>, key: string, value: string): boolean =>
  key === 'tag' ? Array.isArray(image.tags) && image.tags.includes(value) : String(image[key]) === value;

/** Every image of a 200 list answer has the value each exact-match filter asked for (Tempest's `_list_by_param_value_and_assert`). */
export function everyItemMatches(filters: Readonly<Record<string, string>>): Check {
  return defineCheck(LIST_QUERY.checkId, (exchange) => {
    const list = exchange.response.status === 200 ? items(exchange.response.body) : undefined;
    if (!list) return [unjudged(exchange, LIST_QUERY, 'an image list')];
    const wrong = list.flatMap((image) =>
      Object.entries(filters)
        .filter(([key, value]) => !carries(image, key, value))
        .map(
          ([key, value]) => `image ${show(image.id)} has ${key === 'tag' ? 'tags' : key} ${show(image[key === 'tag' ? 'tags' : key])} (asked: ${show(value)})`,
        ),
    );
    if (wrong.length === 0) return [];
    return [
      effectFinding(
        exchange,
        LIST_QUERY,
        'filter not applied',
        `The list filtered by ${show(filters)} shows ${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? ` (+${wrong.length - 3} more)` : ''}.`,
      ),
    ];
  });
}

/**
 * The images of a 200 list answer are in `dir` order of `key` (Tempest's `_list_sorted_by_image_size_and_assert`):
 * compared only where both values are present and of one type, so a null size or a collation question is never judged.
 */
export function sortedBy(key: string, dir: 'asc' | 'desc'): Check {
  return defineCheck(LIST_QUERY.checkId, (exchange) => {
    const list = exchange.response.status === 200 ? items(exchange.response.body) : undefined;
    if (!list) return [unjudged(exchange, LIST_QUERY, 'an image list')];
    const values = list.map((i) => i[key]).filter((v): v is number | string => typeof v === 'number' || typeof v === 'string');
    const at = values.findIndex((v, i) => i > 0 && typeof v === typeof values[i - 1] && (dir === 'asc' ? v < values[i - 1]! : v > values[i - 1]!));
    if (at < 0) return [];
    return [
      effectFinding(
        exchange,
        LIST_QUERY,
        'sort not applied',
        `Asked sort_key=${key}&sort_dir=${dir}; ${show(values[at - 1])} is followed by ${show(values[at])}.`,
      ),
    ];
  });
}

/**
 * Every image of a 200 list answer has a size within the bounds asked (inclusive: the looser reading, since
 * the documents do not say). An image without a numeric size is not judged: whether it belongs is not documented.
 */
export function sizesWithin(min: number | undefined, max: number | undefined): Check {
  return defineCheck(LIST_QUERY.checkId, (exchange) => {
    const list = exchange.response.status === 200 ? items(exchange.response.body) : undefined;
    if (!list) return [unjudged(exchange, LIST_QUERY, 'an image list')];
    const wrong = list.filter((i) => typeof i.size === 'number' && ((min !== undefined && i.size < min) || (max !== undefined && i.size > max)));
    if (wrong.length === 0) return [];
    const asked = [min !== undefined ? `size_min=${min}` : '', max !== undefined ? `size_max=${max}` : ''].filter(Boolean).join('&');
    return [
      effectFinding(
        exchange,
        LIST_QUERY,
        'size filter not applied',
        `Asked ${asked}; listed ${wrong
          .slice(0, 3)
          .map((i) => `image ${show(i.id)} of size ${show(i.size)}`)
          .join('; ')}${wrong.length > 3 ? ` (+${wrong.length - 3} more)` : ''}.`,
      ),
    ];
  });
}
