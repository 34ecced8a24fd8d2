import type { Exchange } from '../../model/exchange.js';
import type { Finding } from '../../model/finding.js';
import { effectFinding, show } from './effect-finding.js';

/** The rule server-image-named: Nova's createImage names the snapshot it makes, and that image becomes readable. */
export const SERVER_IMAGE_NAMED = {
  checkId: 'server-image-named',
  hint: 'Answer createImage with the image it makes: a Location header up to microversion 2.44, an `image_id` body from 2.45.',
} as const;

/**
 * Where a createImage answer names its image, by the microversion asked: both pages agree that the base version
 * (2.1, no header) answers `Location` and that 2.45 answers `image_id`; they differ only at 2.44, which is never asked.
 */
export type NamedBy = 'location' | 'image_id';

const IMAGE_ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The image a 202 createImage answer names where `by` says it must, or the finding that it names none there. */
export function namedImage(exchange: Exchange, by: NamedBy): { id: string } | { finding: Finding } {
  const value =
    by === 'location'
      ? exchange.response.headers.location?.split('?')[0]?.split('/').filter(Boolean).at(-1)
      : (exchange.response.body as { image_id?: unknown } | undefined)?.image_id;
  if (typeof value === 'string' && IMAGE_ID.test(value)) return { id: value };
  const where = by === 'location' ? 'the Location header (microversion 2.1, no version asked)' : 'the `image_id` body member (microversion 2.45)';
  const found = by === 'location' ? exchange.response.headers.location : (exchange.response.body as { image_id?: unknown } | undefined)?.image_id;
  return {
    finding: effectFinding(exchange, SERVER_IMAGE_NAMED, 'snapshot not named', `createImage answered 202 but ${where} names no image id (${show(found)}).`),
  };
}
