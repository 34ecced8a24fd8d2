import { defineCheck, finding, type Check } from '../checks/finding.js';
import type { CheckId } from '../model/check-id.js';
import type { Exchange } from '../model/exchange.js';
import type { SpecOperation } from '../model/operation.js';

/** The query that shows the newest images first on one page as large as the list documents (pagination aside). */
export function newestFirstQuery(op: SpecOperation): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const documented = (name: string) => op.parameters.find((p) => p.in === 'query' && p.name === name);
  const limit = documented('limit');
  if (limit) query.limit = (limit.schema as { maximum?: number } | undefined)?.maximum ?? 1000;
  if (documented('sort_key')) query.sort_key = 'created_at';
  if (documented('sort_dir')) query.sort_dir = 'desc';
  return query;
}

/** The image ids a list answer carries, or undefined when it carries no `images` array to read. */
export function listedImageIds(exchange: Exchange): string[] | undefined {
  const images = (exchange.response.body as { images?: unknown } | undefined)?.images;
  if (!Array.isArray(images)) return undefined;
  return images.map((i) => (i as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
}

/** A check that a list answer does not carry `imageId`, reported under `checkId` (an isolation check). */
export function notListed(checkId: CheckId, imageId: string, title: string, hint: string): Check {
  return defineCheck(checkId, (exchange) =>
    listedImageIds(exchange)?.includes(imageId)
      ? [finding(exchange, checkId, title, `Listed image ${imageId}, which the caller must not see.`, hint, '/responses')]
      : [],
  );
}
