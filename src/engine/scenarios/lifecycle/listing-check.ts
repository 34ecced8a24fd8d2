import { defineCheck, finding, type Check } from '../../../checks/finding.js';
import type { CheckId } from '../../../model/check-id.js';
import { citing } from '../../../checks/rules/effect-finding.js';
import { LIST_QUERY } from '../../../checks/rules/list-query.js';

/** The ids a list answer shows (`images[].id`), or undefined when the answer is not a 200 list. */
export function listedIds(body: unknown): string[] | undefined {
  const images = (body as { images?: unknown } | undefined)?.images;
  if (!Array.isArray(images)) return undefined;
  return images.map((i) => (i as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
}

export interface ListingRule {
  checkId: CheckId;
  imageId: string;
  listed: boolean;
  /** Why the model expects it, e.g. "the member accepted the share". */
  because: string;
  hint: string;
}

/**
 * Whether a list answer shows an image as the model predicts. Only a 200 list is judged: any other answer is
 * the status and no-server-error checks' business, and an image cannot be absent from an error.
 */
export function listing(rule: ListingRule): Check {
  return defineCheck(rule.checkId, (exchange) => {
    const ids = exchange.response.status === 200 ? listedIds(exchange.response.body) : undefined;
    if (!ids || ids.includes(rule.imageId) === rule.listed) return [];
    const what = rule.listed ? 'image missing from the list' : 'image listed although it should not be';
    const message = `${exchange.operation.operationId} ${rule.listed ? 'does not list' : 'lists'} image ${rule.imageId}, but ${rule.because}.`;
    return [finding(exchange, rule.checkId, what, message, rule.hint, '/responses/200')];
  });
}

/** The list-query rule that a filtered list shows (or hides) an image, citing the list-query documents. */
export const queryListing = (imageId: string, listed: boolean, because: string, hint: string): Check =>
  citing(listing({ checkId: LIST_QUERY.checkId, imageId, listed, because, hint }));

/** A member body carries the status the model expects (`pending` after an add, the status just set). */
export function memberStatusIs(status: string, rule: string): Check {
  return defineCheck('sharing-semantics', (exchange) => {
    if (exchange.response.status >= 300) return [];
    const received = (exchange.response.body as { status?: unknown } | undefined)?.status;
    if (received === status) return [];
    return [
      finding(
        exchange,
        'sharing-semantics',
        'wrong member status',
        `Expected member status ${status}; received ${JSON.stringify(received)}.`,
        rule,
        '/responses/200',
      ),
    ];
  });
}
